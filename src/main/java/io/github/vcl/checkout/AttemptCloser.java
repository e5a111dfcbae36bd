package io.github.vcl.checkout;

import io.github.vcl.order.Flow;
import io.github.vcl.order.IdempotencyKeys;
import io.github.vcl.order.Order;
import io.github.vcl.order.Source;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.epayment.EPaymentClient;
import org.jboss.logging.Logger;

/**
 * Ends a shop order's open payment attempt at Vipps before a new attempt starts, so the customer cannot pay both:
 * the payment is cancelled as long as it is not authorized ({@code cancelTransactionOnly}, which never touches an
 * approval that arrives at the same moment); where ePayment has no payment yet, the Checkout session is expired, so
 * none can start. Then the attempt is read back from Vipps: what Vipps says it became is what counts — possibly
 * authorized after all.
 */
public class AttemptCloser {
    private static final Logger LOG = Logger.getLogger(AttemptCloser.class);
    private static final int NOT_FOUND = 404;

    private final EPaymentClient epayment;
    private final CheckoutClient checkout;
    private final PaymentPoller poller;

    public AttemptCloser(EPaymentClient epayment, CheckoutClient checkout, PaymentPoller poller) {
        this.epayment = epayment;
        this.checkout = checkout;
        this.poller = poller;
    }

    /** The attempt as Vipps left it. Throws the {@link VippsApiException} of an open answer (nothing decided). */
    Order end(Order open) {
        String reference = open.reference().value();
        try {
            epayment.cancel(reference, true, IdempotencyKey.of(IdempotencyKeys.forEnding(open.reference())));
            LOG.infof("open attempt %s cancelled before the shop order's next attempt", reference);
        } catch (VippsApiException e) {
            if (e.isTransient()) {
                throw e;
            }
            if (e.httpStatus() == NOT_FOUND && open.flow() == Flow.CHECKOUT) {
                boolean expired = checkout.expireSession(reference);
                LOG.infof("open attempt %s had no payment yet; its Checkout session %s", reference,
                        expired ? "was expired" : "was no longer open");
            }
            // Any other refusal (authorized meanwhile, already ended): the payment's own state tells.
        }
        return poller.refresh(open, Source.STOREFRONT).order();
    }
}

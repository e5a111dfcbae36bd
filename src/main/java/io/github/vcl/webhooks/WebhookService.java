package io.github.vcl.webhooks;

import io.github.vcl.order.Aggregate;
import io.github.vcl.order.Currency;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Money;
import io.github.vcl.order.Operation;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.webhook.model.WebhookEvent;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An ePayment webhook delivery: authenticated by its signature before anything else (a forged, altered, replayed or
 * otherwise signed delivery costs no DynamoDB call), then applied as a signal — duplicates and any order are harmless,
 * as every write is conditional and only moves forward. An approval is written from the event itself, in one
 * conditional write, while the order still awaits payment; an ending without money (aborted, expired, terminated) too;
 * where money moved (captured, refunded, cancelled), the payment is read from ePayment and applied — and when Vipps is
 * too slow for that, the order is put in front of the reconciler and the delivery still answered at once.
 */
public class WebhookService {
    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookSecrets secrets;
    private final URI registeredUrl;
    private final String merchantSerialNumber;
    private final OrderStore store;
    private final OrderUpdater updater;
    private final PaymentPoller poller;
    private final Clock clock;

    public WebhookService(WebhookSecrets secrets, URI registeredUrl, String merchantSerialNumber, OrderStore store,
                          PaymentPoller poller, Clock clock) {
        this.secrets = secrets;
        this.registeredUrl = registeredUrl;
        this.merchantSerialNumber = merchantSerialNumber;
        this.store = store;
        this.updater = new OrderUpdater(store);
        this.poller = poller;
        this.clock = clock;
    }

    /** What became of a delivery; every one of them is answered 2xx, so Vipps stops delivering it. */
    public enum Outcome {
        /** Our record changed. */
        APPLIED,
        /** Already known (a duplicate, or older news). */
        UNCHANGED,
        /** Not about an order of ours, or nothing to do (CREATED, an unsuccessful event). */
        IGNORED,
        /** Vipps could not be asked in time: the reconciler reads the payment on its next run. */
        DEFERRED
    }

    /** Refuses a delivery this endpoint's secret did not sign ({@code NotAuthenticated}); reads and writes nothing. */
    public void authenticate(byte[] body, String xMsDate, String xMsContentSha256, String authorization) {
        secrets.verify(registeredUrl, body, xMsDate, xMsContentSha256, authorization, clock.instant());
    }

    /** Applies an authenticated delivery. */
    public Outcome apply(WebhookEvent event) {
        Optional<Reference> reference = ours(event);
        if (reference.isEmpty()) {
            return Outcome.IGNORED;
        }
        String name = event.name().toUpperCase(Locale.ROOT);
        Outcome outcome = switch (name) {
            case "AUTHORIZED" -> authorized(reference.get(), event);
            case "ABORTED", "EXPIRED", "TERMINATED" -> ended(reference.get(), PaymentState.valueOf(name));
            case "CAPTURED", "REFUNDED", "CANCELLED" -> moneyMoved(reference.get(), event);
            default -> Outcome.IGNORED; // CREATED, or an event Vipps adds later
        };
        LOG.infof("webhook %s for %s: %s", name, reference.get(), outcome);
        return outcome;
    }

    private Optional<Reference> ours(WebhookEvent event) {
        if (!merchantSerialNumber.equals(event.msn()) || event.name() == null || event.reference() == null) {
            LOG.infof("webhook for another sales unit or without a reference ignored");
            return Optional.empty();
        }
        if (!Boolean.TRUE.equals(event.success())) {
            LOG.infof("unsuccessful webhook event %s for %s ignored", event.name(), event.reference());
            return Optional.empty();
        }
        try {
            return Optional.of(Reference.of(event.reference()));
        } catch (InvalidOrderException notOurs) {
            return Optional.empty();
        }
    }

    /** The customer approved: one conditional write while the order awaits payment, else decided on the order. */
    private Outcome authorized(Reference reference, WebhookEvent event) {
        Money amount;
        try {
            amount = Money.of(event.amount().value(), Currency.parse("amount.currency", event.amount().currency()));
        } catch (RuntimeException unusable) {
            return reread(reference);
        }
        PaymentObservation seen = new PaymentObservation(PaymentState.AUTHORIZED, new Aggregate(amount,
                Money.zero(amount.currency()), Money.zero(amount.currency()), Money.zero(amount.currency())),
                event.pspReference(), Source.WEBHOOK, clock.instant(), true);
        Order presumed = Order.awaitingPayment(reference, amount);
        Transition decided = presumed.observePayment(seen);
        if (decided.applied() && store.applyToAwaitingPayment(presumed, decided, Optional.empty())) {
            return Outcome.APPLIED;
        }
        return updated(updater.update(reference, o -> o.observePayment(seen)));
    }

    /** The payment ended before any money was reserved: nothing to read, the state says it all. */
    private Outcome ended(Reference reference, PaymentState state) {
        Instant at = clock.instant();
        return updated(updater.update(reference, o -> o.observePayment(new PaymentObservation(state,
                Aggregate.zero(o.currency()), null, Source.WEBHOOK, at, true))));
    }

    /**
     * Money moved: news of our own operation, already confirmed under the Idempotency-Key the event names, needs
     * nothing more; anything else (the portal, another system, an operation still waiting for its answer) is read.
     */
    private Outcome moneyMoved(Reference reference, WebhookEvent event) {
        Optional<Order> order = store.find(reference);
        if (order.isEmpty()) {
            return Outcome.IGNORED;
        }
        if (event.idempotencyKey() != null && order.get().operation(event.idempotencyKey())
                .filter(o -> o.status() == Operation.Status.SUCCEEDED).isPresent()) {
            return Outcome.UNCHANGED;
        }
        return reread(order.get());
    }

    /** Vipps' own totals decide, read now or — if Vipps is slow — by the reconciler. */
    private Outcome reread(Reference reference) {
        return store.find(reference).map(this::reread).orElse(Outcome.IGNORED);
    }

    private Outcome reread(Order order) {
        try {
            return poller.refresh(order, Source.WEBHOOK).transition().applied() ? Outcome.APPLIED
                    : Outcome.UNCHANGED;
        } catch (VippsApiException e) {
            LOG.infof("payment %s could not be read in time (%s); the reconciler reads it next", order.reference(),
                    e.getMessage());
            store.reschedule(order, Optional.of(clock.instant()));
            return Outcome.DEFERRED;
        }
    }

    private static Outcome updated(Optional<OrderUpdater.Updated> updated) {
        return updated.map(u -> u.transition().applied() ? Outcome.APPLIED : Outcome.UNCHANGED)
                .orElse(Outcome.IGNORED);
    }
}

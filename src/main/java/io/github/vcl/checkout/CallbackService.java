package io.github.vcl.checkout;

import io.github.vcl.store.OrderUpdater;
import io.github.vcl.order.Currency;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Money;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.service.ServiceFailure;
import io.github.vcl.store.OrderStore;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Checkout callback: authenticate (the per-session token, in constant time; reference and merchant serial number
 * must match), then apply what it says — successful or not — with one conditional write. A duplicate or older
 * callback changes nothing and is still answered 2xx, so Vipps stops retrying. Vipps is never called here.
 */
public class CallbackService {
    private static final Logger LOG = Logger.getLogger(CallbackService.class);

    private final OrderStore store;
    private final OrderUpdater updater;
    private final String merchantSerialNumber;
    private final Clock clock;

    public CallbackService(OrderStore store, String merchantSerialNumber, Clock clock) {
        this.store = store;
        this.updater = new OrderUpdater(store);
        this.merchantSerialNumber = merchantSerialNumber;
        this.clock = clock;
    }

    /**
     * The common case in one DynamoDB call: the first outcome callback for an order still awaiting payment is decided
     * on {@link Order#awaitingPayment} and written under a condition that checks that state and the token. Empty when
     * that does not apply (a duplicate, a stale or unusual callback, a wrong token, an unknown reference): then
     * {@link #authenticate} and {@link #apply} decide on the stored order.
     */
    public Optional<Transition.Outcome> applyWithoutRead(Reference reference, String authorization,
                                                         SessionResponse session) {
        SessionResponse.PaymentDetails details = session.paymentDetails();
        if (authorization == null || authorization.isEmpty() || !reference.value().equals(session.reference())
                || !merchantSerialNumber.equals(session.merchantSerialNumber()) || details == null
                || details.amount() == null || details.state() == null) {
            return Optional.empty();
        }
        Money amount;
        try {
            amount = Money.of(details.amount().value(),
                    Currency.parse("amount.currency", details.amount().currency()));
        } catch (InvalidOrderException unusable) {
            return Optional.empty();
        }
        Order presumed = Order.awaitingPayment(reference, amount);
        Transition decided = VippsSignals.session(presumed, session, Source.CALLBACK, clock.instant());
        if (!decided.applied() || decided.order().paymentState() == PaymentState.CREATED
                || !store.applyToAwaitingPayment(presumed, decided, SessionTokens.hash(authorization))) {
            return Optional.empty();
        }
        LOG.infof("callback for %s: %s (session %s)", reference, decided.outcome(), session.sessionState());
        return Optional.of(decided.outcome());
    }

    /** The order whose per-session token the caller presented; 404 and 401 otherwise, nothing changed. */
    public Order authenticate(Reference reference, String authorization) {
        Order order = store.find(reference)
                .orElseThrow(() -> ServiceFailure.notFound("No order has reference " + reference + "."));
        if (!SessionTokens.matches(authorization, order.checkout().callbackTokenHash())) {
            LOG.warnf("callback for %s with a missing or wrong Authorization token", reference);
            throw ServiceFailure.unauthorized("The Authorization token does not belong to this session.");
        }
        return order;
    }

    /** Applies an authenticated callback: {@code APPLIED}, or {@code UNCHANGED}/{@code REJECTED} (logged). */
    public Transition.Outcome apply(Order order, SessionResponse session) {
        Reference reference = order.reference();
        if (!reference.value().equals(session.reference())) {
            throw ServiceFailure.badRequest("The body's reference does not match the URL.",
                    List.of(new ServiceFailure.FieldError("reference", "must be " + reference)));
        }
        if (!merchantSerialNumber.equals(session.merchantSerialNumber())) {
            throw ServiceFailure.badRequest("The callback is not for this shop's merchant serial number.",
                    List.of(new ServiceFailure.FieldError("merchantSerialNumber", "does not match this shop")));
        }
        Function<Order, Transition> signal = o -> VippsSignals.session(o, session, Source.CALLBACK, clock.instant());
        Transition result = updater.tryApply(order, signal)
                .or(() -> updater.update(reference, signal))
                .map(OrderUpdater.Updated::transition)
                .orElseThrow();
        if (result.rejected()) {
            LOG.warnf("callback for %s not applied: %s", reference, result.reason());
        } else {
            LOG.infof("callback for %s: %s (session %s)", reference, result.outcome(), session.sessionState());
        }
        return result.outcome();
    }
}

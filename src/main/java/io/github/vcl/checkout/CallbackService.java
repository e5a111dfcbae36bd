package io.github.vcl.checkout;

import io.github.vcl.order.Currency;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Money;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.payment.VippsSignals;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.InvalidInput;
import io.github.vcl.refusal.NotAuthenticated;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Checkout callback: authenticate first (the per-session token, recognised by its signature in constant time,
 * before the store is touched, so a forged callback costs no DynamoDB call), then check that the body is about this
 * order and this sales unit, then apply what it says — successful or not — with one conditional write. A duplicate or
 * older callback changes nothing and is still answered 2xx, so Vipps stops retrying. Vipps is never called here.
 */
public class CallbackService {
    private static final Logger LOG = Logger.getLogger(CallbackService.class);
    private static final Set<HistoryEvent> OUTCOMES = Set.of(HistoryEvent.PAYMENT_AUTHORIZED,
            HistoryEvent.PAYMENT_ABORTED, HistoryEvent.PAYMENT_EXPIRED, HistoryEvent.PAYMENT_TERMINATED);

    private final OrderStore store;
    private final OrderUpdater updater;
    private final SessionTokens tokens;
    private final String merchantSerialNumber;
    private final Clock clock;

    public CallbackService(OrderStore store, SessionTokens tokens, String merchantSerialNumber, Clock clock) {
        this.store = store;
        this.updater = new OrderUpdater(store);
        this.tokens = tokens;
        this.merchantSerialNumber = merchantSerialNumber;
        this.clock = clock;
    }

    /** Refuses a callback whose token this backend did not issue for {@code reference}; reads and writes nothing. */
    public void authenticate(Reference reference, String authorization) {
        if (!tokens.isCallbackToken(reference, authorization)) {
            LOG.warnf("callback for %s with a missing or wrong Authorization token", reference);
            throw new NotAuthenticated("The Authorization token does not belong to this session.");
        }
    }

    /**
     * What an applied callback did, and how late it came: how long after the payment's outcome was first recorded
     * here (by polling, a webhook or the reconciler) — zero when the callback brought it; empty when it was rejected.
     * Checkout callbacks carry no time of their own, so this is the only lateness to be seen without a Vipps call.
     */
    public record Applied(Transition.Outcome outcome, Optional<Duration> lag) {
    }

    /**
     * Applies an authenticated callback: {@code APPLIED}, or {@code UNCHANGED}/{@code REJECTED} (logged). The common
     * case — the first outcome for an order still awaiting payment — is one DynamoDB call; anything else reads the
     * order and decides on it.
     */
    public Applied apply(Reference reference, String authorization, SessionResponse session) {
        if (!reference.value().equals(session.reference())) {
            throw new InvalidInput("The body's reference does not match the URL.",
                    List.of(new FieldError("reference", "must be " + reference)));
        }
        if (!merchantSerialNumber.equals(session.merchantSerialNumber())) {
            throw new InvalidInput("The callback is not for this shop's merchant serial number.",
                    List.of(new FieldError("merchantSerialNumber", "does not match this shop")));
        }
        Optional<Transition.Outcome> quick = applyWithoutRead(reference, authorization, session);
        if (quick.isPresent()) {
            return new Applied(quick.get(), Optional.of(Duration.ZERO));
        }
        Order order = store.find(reference)
                .orElseThrow(() -> new NotFound("No order has reference " + reference + "."));
        if (!SessionTokens.matches(authorization, order.session().callbackTokenHash())) {
            // Signed by us, but not the token of this order's session (another attempt's): never applied.
            LOG.warnf("callback for %s with the token of another session", reference);
            throw new NotAuthenticated("The Authorization token does not belong to this session.");
        }
        Function<Order, Transition> signal = o -> VippsSignals.session(o, session, Source.CALLBACK, clock.instant());
        Transition result = updater.tryApply(order, signal)
                .or(() -> updater.update(reference, signal))
                .map(OrderUpdater.Updated::transition)
                .orElseThrow();
        if (result.rejected()) {
            LOG.warnf("callback for %s not applied: %s", reference, result.reason());
            return new Applied(result.outcome(), Optional.empty());
        }
        LOG.infof("callback for %s: %s (session %s)", reference, result.outcome(), session.sessionState());
        Duration lag = result.applied() ? Duration.ZERO : order.history().stream()
                .filter(e -> OUTCOMES.contains(e.event())).map(HistoryEntry::at).findFirst()
                .map(recorded -> Duration.between(recorded, clock.instant())).orElse(Duration.ZERO);
        return new Applied(result.outcome(), Optional.of(lag));
    }

    /**
     * The first outcome callback for an order still awaiting payment, decided on {@link Order#awaitingPayment} and
     * written under a condition that checks that state and the token's hash. Empty when that does not apply (a
     * duplicate, a stale or unusual callback): then the caller reads and decides on the stored order.
     */
    private Optional<Transition.Outcome> applyWithoutRead(Reference reference, String authorization,
                                                          SessionResponse session) {
        SessionResponse.PaymentDetails details = session.paymentDetails();
        if (details == null || details.amount() == null || details.state() == null) {
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
                || !store.applyToAwaitingPayment(presumed, decided, Optional.of(SessionTokens.hash(authorization)))) {
            return Optional.empty();
        }
        LOG.infof("callback for %s: %s (session %s)", reference, decided.outcome(), session.sessionState());
        return Optional.of(decided.outcome());
    }
}

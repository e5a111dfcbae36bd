package io.github.vcl.payment;

import io.github.vcl.order.Aggregate;
import io.github.vcl.order.Currency;
import io.github.vcl.order.Money;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.vipps.checkout.model.CheckoutSessionState;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.epayment.model.EPaymentState;
import io.github.vcl.vipps.epayment.model.ModificationResponse;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.VippsAggregate;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns what Vipps says (ePayment payment, Checkout session or callback) into signals for the order model. Unknown
 * states (a value Vipps adds later) give no signal rather than a wrong one.
 */
public final class VippsSignals {
    private VippsSignals() {
    }

    /** What a GET of the payment says. */
    public static Optional<PaymentObservation> payment(Payment payment, Currency currency, Source source, Instant at) {
        return observation(payment.state(), payment.aggregate(), payment.pspReference(), currency, source, at);
    }

    /** What the answer to a capture, refund or cancel says about the payment after it. */
    public static Optional<PaymentObservation> modification(ModificationResponse answer, Currency currency,
                                                            Source source, Instant at) {
        return observation(answer.state(), answer.aggregate(), answer.pspReference(), currency, source, at);
    }

    private static Optional<PaymentObservation> observation(EPaymentState reported, VippsAggregate aggregate,
                                                            String pspReference, Currency currency, Source source,
                                                            Instant at) {
        Optional<PaymentState> state = switch (reported == null ? EPaymentState.UNKNOWN : reported) {
            case CREATED -> Optional.of(PaymentState.CREATED);
            case AUTHORIZED -> Optional.of(PaymentState.AUTHORIZED);
            case ABORTED -> Optional.of(PaymentState.ABORTED);
            case EXPIRED -> Optional.of(PaymentState.EXPIRED);
            case TERMINATED -> Optional.of(PaymentState.TERMINATED);
            case UNKNOWN -> Optional.empty();
        };
        return state.map(s -> new PaymentObservation(s, aggregate(aggregate, currency), pspReference, source, at,
                true));
    }

    /** Everything a Checkout session (GET or callback body) tells about the order, as one chained transition. */
    public static Transition session(Order order, SessionResponse session, Source source, Instant at) {
        return sessionLifecycle(order, session, source, at).andThen(o -> sessionPayment(o, session, source, at));
    }

    /**
     * Only what the session says about itself (created, completed, expired): for when ePayment has just told us about
     * the payment, which it knows better.
     */
    public static Transition sessionLifecycle(Order order, SessionResponse session, Source source, Instant at) {
        if (session.sessionState() == null) {
            return Transition.none(order);
        }
        return switch (session.sessionState()) {
            case PAYMENT_SUCCESSFUL, PAYMENT_TERMINATED -> order.sessionCompleted(source, at);
            case SESSION_EXPIRED -> order.sessionExpired(source, at);
            case SESSION_CREATED, SESSION_STARTED, PAYMENT_INITIATED -> order.sessionCreated(null, null, source, at);
            case UNKNOWN -> Transition.none(order);
        };
    }

    private static Transition sessionPayment(Order order, SessionResponse session, Source source, Instant at) {
        SessionResponse.PaymentDetails details = session.paymentDetails();
        if (details == null || details.state() == null) {
            return Transition.none(order);
        }
        Optional<PaymentState> state = switch (details.state()) {
            case AUTHORIZED -> Optional.of(PaymentState.AUTHORIZED);
            // Checkout says TERMINATED for a payment that will not be made: the customer stopped it (ePayment calls
            // that ABORTED), or the session expired with it.
            case TERMINATED -> Optional.of(session.sessionState() == CheckoutSessionState.SESSION_EXPIRED
                    ? PaymentState.EXPIRED : PaymentState.ABORTED);
            case CREATED, UNKNOWN -> Optional.empty();
        };
        return state.map(s -> order.observePayment(new PaymentObservation(s,
                aggregate(details.aggregate(), order.currency()), null, source, at, false)))
                .orElseGet(() -> Transition.none(order));
    }

    static Aggregate aggregate(VippsAggregate aggregate, Currency currency) {
        if (aggregate == null) {
            return Aggregate.zero(currency);
        }
        return new Aggregate(money(aggregate.authorizedAmount(), currency), money(aggregate.capturedAmount(), currency),
                money(aggregate.refundedAmount(), currency), money(aggregate.cancelledAmount(), currency));
    }

    private static Money money(Amount amount, Currency currency) {
        if (amount == null) {
            return Money.zero(currency);
        }
        Currency reported = amount.currency() == null ? currency : Currency.parse("amount.currency", amount.currency());
        return Money.of(amount.value(), reported);
    }
}

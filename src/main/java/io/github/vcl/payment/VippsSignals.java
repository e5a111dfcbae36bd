package io.github.vcl.payment;

import io.github.vcl.order.Aggregate;
import io.github.vcl.order.Currency;
import io.github.vcl.order.Money;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
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
        return state.map(s -> new PaymentObservation(s, aggregate(aggregate, currency), pspReference, source, at));
    }

    /** Everything a Checkout session (GET or callback body) tells about the order, as one chained transition. */
    public static Transition session(Order order, SessionResponse session, Source source, Instant at) {
        Transition result = Transition.none(order);
        if (session.sessionState() != null) {
            result = switch (session.sessionState()) {
                case PAYMENT_SUCCESSFUL, PAYMENT_TERMINATED -> result.andThen(o -> o.sessionCompleted(source, at));
                case SESSION_EXPIRED -> result.andThen(o -> o.sessionExpired(source, at));
                case SESSION_CREATED, SESSION_STARTED, PAYMENT_INITIATED ->
                        result.andThen(o -> o.sessionCreated(null, null, source, at));
                case UNKNOWN -> result;
            };
        }
        SessionResponse.PaymentDetails details = session.paymentDetails();
        if (details != null && details.state() != null) {
            Optional<PaymentState> state = switch (details.state()) {
                case AUTHORIZED -> Optional.of(PaymentState.AUTHORIZED);
                // Checkout says TERMINATED for a payment the customer stopped; ePayment calls that ABORTED.
                case TERMINATED -> Optional.of(PaymentState.ABORTED);
                case CREATED, UNKNOWN -> Optional.empty();
            };
            if (state.isPresent()) {
                PaymentObservation seen = new PaymentObservation(state.get(),
                        aggregate(details.aggregate(), order.currency()), null, source, at);
                result = result.andThen(o -> o.observePayment(seen));
            }
        }
        return result;
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

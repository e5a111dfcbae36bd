package io.github.vcl.payment;

import io.github.vcl.order.Flow;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.SessionState;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.order.VippsError;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.EPaymentState;
import io.github.vcl.vipps.epayment.model.Payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks Vipps how a pending order stands — one GET in the usual case — and applies the answer. ePayment's GET payment
 * is the source for the payment, in both flows; for Checkout orders, Checkout's GET session is asked only while we
 * have no confirmed session (the session request's answer was lost), when ePayment does not know the payment yet
 * (404), or when the session's hour is over and nobody paid: it tells whether the session is still open or expired.
 */
public class PaymentPoller {
    private final CheckoutClient checkout;
    private final EPaymentClient epayment;
    private final OrderUpdater updater;
    private final Duration sessionLifetime;
    private final Duration creationGrace;
    private final Clock clock;

    /**
     * @param creationGrace how long a session or payment we asked for may be missing at Vipps before its creation is
     *                      called failed: longer than the initiate function's timeout, so the call that recorded it
     *                      is over (the reconciler's operation grace, which follows the same rule)
     */
    public PaymentPoller(CheckoutClient checkout, EPaymentClient epayment, OrderUpdater updater,
                         Duration sessionLifetime, Duration creationGrace, Clock clock) {
        this.checkout = checkout;
        this.epayment = epayment;
        this.updater = updater;
        this.sessionLifetime = sessionLifetime;
        this.creationGrace = creationGrace;
        this.clock = clock;
    }

    /** Polls and applies; the result says whether anything changed. Throws {@link VippsApiException} on failure. */
    public OrderUpdater.Updated refresh(Order order, Source source) {
        Function<Order, Transition> signal = ask(order, source);
        return updater.tryApply(order, signal)
                .or(() -> updater.update(order.reference(), signal))
                .orElseThrow();
    }

    private Function<Order, Transition> ask(Order order, Source source) {
        String reference = order.reference().value();
        Instant at = clock.instant();
        boolean checkoutFlow = order.flow() == Flow.CHECKOUT;
        if (checkoutFlow && order.sessionState() == SessionState.CREATING) {
            return fromSession(order, checkout.getSession(reference), source, at);
        }
        Payment payment;
        try {
            payment = epayment.getPayment(reference);
        } catch (VippsApiException e) {
            if (e.httpStatus() != 404) {
                throw e;
            }
            return checkoutFlow ? fromSession(order, checkout.getSession(reference), source, at)
                    : unknownToEPayment(order, source, at);
        }
        if (order.sessionState() == SessionState.CREATING) {
            // An ePayment payment whose create answer was lost: it exists, so it was created.
            String redirectUrl = payment.redirectUrl();
            Optional<PaymentObservation> seen = VippsSignals.payment(payment, order.currency(), source, at);
            return o -> o.sessionCreated(redirectUrl, null, source, at)
                    .andThen(created -> seen.map(created::observePayment).orElseGet(() -> Transition.none(created)));
        }
        Optional<PaymentObservation> seen = VippsSignals.payment(payment, order.currency(), source, at);
        Function<Order, Transition> observe = o -> seen.map(o::observePayment).orElseGet(() -> Transition.none(o));
        if (checkoutFlow && payment.state() == EPaymentState.CREATED && order.sessionState() == SessionState.CREATED
                && order.createdAt().plus(sessionLifetime).isBefore(at)) {
            // Past the session's hour with nobody paying: record whether the session is gone. The payment stays open
            // for as long as ePayment says CREATED — the customer may be approving it in the app right now.
            Optional<SessionResponse> session = checkout.getSession(reference);
            return o -> session.map(s -> VippsSignals.sessionLifecycle(o, s, source, at))
                    .orElseGet(() -> o.sessionExpired(source, at)).andThen(observe);
        }
        return observe;
    }

    /**
     * An ePayment order ePayment does not know: its create request is unanswered (wait, then call it failed), or —
     * after ePayment created it — nothing we can conclude from.
     */
    private Function<Order, Transition> unknownToEPayment(Order order, Source source, Instant at) {
        if (order.sessionState() != SessionState.CREATING || order.createdAt().plus(creationGrace).isAfter(at)) {
            return Transition::none;
        }
        VippsError missing = new VippsError(404, null, null, "Vipps MobilePay has no payment for this order", at);
        return o -> o.sessionFailed(missing, source, at);
    }

    private Function<Order, Transition> fromSession(Order order, Optional<SessionResponse> session, Source source,
                                                    Instant at) {
        if (session.isPresent()) {
            return o -> VippsSignals.session(o, session.get(), source, at);
        }
        if (order.sessionState() == SessionState.CREATING) {
            if (order.createdAt().plus(creationGrace).isAfter(at)) {
                return Transition::none;
            }
            VippsError missing = new VippsError(404, "Session-00100", null,
                    "Vipps MobilePay has no session for this order", at);
            return o -> o.sessionFailed(missing, source, at);
        }
        // Neither a payment at ePayment nor a session at Checkout: nobody can pay this order any more.
        return o -> o.sessionExpired(source, at).andThen(expired -> expired.paymentNeverStarted(source, at));
    }
}

package io.github.vcl.checkout;

import io.github.vcl.observe.LogContext;
import io.github.vcl.order.Flow;
import io.github.vcl.order.IdempotencyKeys;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.ReferenceGenerator;
import io.github.vcl.order.SessionState;
import io.github.vcl.order.Source;
import io.github.vcl.order.VippsError;
import io.github.vcl.payment.VippsSignals;
import io.github.vcl.refusal.IdempotencyKeyReused;
import io.github.vcl.refusal.NotPossibleNow;
import io.github.vcl.refusal.RequestInProgress;
import io.github.vcl.refusal.VippsRefused;
import io.github.vcl.refusal.VippsTrace;
import io.github.vcl.refusal.VippsUnavailable;
import io.github.vcl.store.InitiateClaims;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.store.ReferenceTakenException;
import io.github.vcl.store.ShopOrders;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.checkout.model.InitiateSessionResponse;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.CreatePaymentResponse;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts a payment: writes the order first (intent), then creates the Checkout session, then records Vipps' answer.
 * Whatever stops between the two writes is finished by a retry of the shop (same Idempotency-Key) or by the
 * reconciler. One payment per shop order: a new attempt first ends the open one at Vipps ({@link AttemptCloser}).
 */
public class CheckoutService {
    private static final Logger LOG = Logger.getLogger(CheckoutService.class);
    private static final int DUPLICATE_REFERENCE = 409;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final OrderStore store;
    private final InitiateClaims claims;
    private final ShopOrders shopOrders;
    private final AttemptCloser closer;
    private final OrderUpdater updater;
    private final CheckoutClient checkout;
    private final EPaymentClient epayment;
    private final SessionTokens tokens;
    private final ReferenceGenerator references;
    private final CheckoutSettings settings;
    private final Clock clock;

    public CheckoutService(OrderStore store, InitiateClaims claims, ShopOrders shopOrders, VippsClients vipps,
                           AttemptCloser closer, SessionTokens tokens, CheckoutSettings settings, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.shopOrders = shopOrders;
        this.closer = closer;
        this.updater = new OrderUpdater(store);
        this.checkout = vipps.checkout();
        this.epayment = vipps.epayment();
        this.tokens = tokens;
        this.references = new ReferenceGenerator(settings.referencePrefix(), clock, new java.security.SecureRandom());
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A started payment: where to send the customer ({@code redirectUrl}: Checkout's frontend URL or ePayment's
     * redirect URL, unchanged), and Checkout's session token for its embedded frontend.
     */
    public record Started(Reference reference, Flow flow, String redirectUrl, String token) {
        @Override
        public String toString() {
            return "Started[" + reference + "]";
        }
    }

    /**
     * A new payment attempt for the shop order — or, for a retry under the same Idempotency-Key, the first answer
     * again. The key is claimed before anything else happens, so two requests with one key never both act. At most
     * one attempt of a shop order is open or paid: the current one is ended at Vipps before the next becomes current,
     * and "current" moves with a conditional write, so of two racing requests exactly one wins.
     */
    public Started initiate(InitiateRequest request) {
        Optional<String> keyHash = request.idempotencyKey().map(SessionTokens::hash);
        Optional<InitiateClaims.Claim> earlier = keyHash.flatMap(claims::find);
        if (earlier.isPresent()) {
            return resume(earlier.get(), request);
        }
        Optional<Reference> current = shopOrders.current(request.order().shopOrderId());
        Reference next = current.map(Reference::nextAttempt).orElseGet(references::firstAttempt);
        if (keyHash.isPresent()) {
            Optional<InitiateClaims.Claim> raced = claims.claim(keyHash.get(), next, request.fingerprint(),
                    clock.instant());
            if (raced.isPresent()) {
                return resume(raced.get(), request);
            }
        }
        try {
            return takeOver(current, next, request);
        } catch (NotPossibleNow lost) {
            keyHash.ifPresent(hash -> claims.release(hash, next));
            throw lost;
        }
    }

    /**
     * Ends {@code current} at Vipps if it is open, makes {@code next} the shop order's current attempt (conditional
     * write) and starts it.
     */
    private Started takeOver(Optional<Reference> current, Reference next, InitiateRequest request) {
        current.ifPresent(this::endOpen);
        String shopOrderId = request.order().shopOrderId();
        if (!shopOrders.advance(shopOrderId, current, next)) {
            throw raced(shopOrderId);
        }
        return start(next, current, request);
    }

    /** {@code next} is the shop order's current attempt now: the one before it is superseded, the order written. */
    private Started start(Reference next, Optional<Reference> before, InitiateRequest request) {
        LogContext.reference(next.value());
        Instant now = clock.instant();
        before.ifPresent(old -> updater.update(old, o -> o.supersede(next, Source.STOREFRONT, now)));
        Flow flow = request.flow().orElse(settings.defaultFlow());
        SessionTokens.Issued issued = tokens.issue(next, flow);
        Order order;
        try {
            order = store.create(Order.create(request.orderFor(flow), next, issued.session(), Source.STOREFRONT,
                    now));
        } catch (ReferenceTakenException writing) {
            throw inProgress(); // two retries of one crashed request at once: the other one writes and starts it
        }
        LOG.infof("order %s created for shop order, amount %s", next, order.amount());
        return sendSession(order, request, issued);
    }

    private static NotPossibleNow raced(String shopOrderId) {
        return new NotPossibleNow("Another payment for shop order " + shopOrderId + " started at the same moment. "
                + "Look at its status, or try again.");
    }

    /**
     * Ends the attempt {@code current} at Vipps if it is open, so that no new one starts while it could still be paid.
     * A paid shop order gets no new attempt.
     */
    private void endOpen(Reference current) {
        Optional<Order> found = store.find(current);
        if (found.isEmpty()) {
            return; // an earlier request stopped right after making it current; its number is simply skipped
        }
        Order attempt = found.get();
        if (!attempt.paymentState().isFinal() && attempt.sessionState() != SessionState.FAILED) {
            try {
                attempt = closer.end(attempt);
            } catch (VippsApiException e) {
                throw new VippsUnavailable("The shop order's open payment " + current + " could not be ended at "
                        + "Vipps MobilePay just now, so no new one was started. Try again shortly.",
                        VippsTrace.of(e), e.retryAfter().orElse(RETRY_AFTER));
            }
        }
        if (attempt.paymentState() == PaymentState.AUTHORIZED) {
            throw new NotPossibleNow("Shop order " + attempt.shopOrderId() + " is already paid (reference "
                    + current + ").");
        }
        if (!attempt.paymentState().isFinal() && attempt.sessionState() != SessionState.FAILED) {
            throw new VippsUnavailable("The shop order's payment " + current + " is still open at Vipps "
                    + "MobilePay, so no new one was started. Try again shortly.", VippsTrace.NONE, RETRY_AFTER);
        }
    }

    /**
     * A retry under the same Idempotency-Key: the same session, or the same failure, as the first time — or, while
     * the first request may still be working, an answer to ask again shortly.
     */
    private Started resume(InitiateClaims.Claim claim, InitiateRequest request) {
        LogContext.reference(claim.reference().value());
        if (!claim.fingerprint().equals(request.fingerprint())) {
            throw new IdempotencyKeyReused("This Idempotency-Key was already used for a different request. Use a "
                    + "new key for a new payment.");
        }
        Optional<Order> found = store.find(claim.reference());
        if (found.isEmpty()) {
            requireFinished(claim.claimedAt());
            return resumeUnwritten(claim.reference(), request);
        }
        Order order = found.get();
        if (order.sessionState() == SessionState.FAILED) {
            VippsError error = order.lastError();
            throw new VippsRefused("Vipps MobilePay could not start this payment: "
                    + (error == null ? "no reason given" : error.message()) + ". Start a new payment with a new "
                    + "Idempotency-Key.", error == null ? VippsTrace.NONE : new VippsTrace(error.traceId(),
                    error.code()), false);
        }
        if (order.session().frontendUrl() != null) {
            return new Started(order.reference(), order.flow(), order.session().frontendUrl(),
                    order.session().sessionToken());
        }
        // Created, but Vipps' answer was never recorded: ask again with the same session key and body.
        requireFinished(order.createdAt());
        return sendSession(order, request, tokens.reissue(order.reference(), order.session()));
    }

    /**
     * Refuses to repeat the work of a request that began at {@code began} while it may still be running (waiting on
     * Vipps): doing it twice at once is how a session ends up cancelled by its own retry.
     */
    private void requireFinished(Instant began) {
        Instant over = began.plus(settings.requestTimeout()).plusSeconds(1);
        if (clock.instant().isBefore(over)) {
            throw inProgress();
        }
    }

    private static RequestInProgress inProgress() {
        return new RequestInProgress("A request with this Idempotency-Key is still being carried out. Ask again with "
                + "the same key in a moment to get its answer.", RETRY_AFTER);
    }

    /** The first request claimed the key for {@code claimed} and stopped before it wrote the order. */
    private Started resumeUnwritten(Reference claimed, InitiateRequest request) {
        Optional<Reference> current = shopOrders.current(request.order().shopOrderId());
        if (current.isPresent() && current.get().equals(claimed)) {
            return start(claimed, Optional.empty(), request); // it had made the attempt current already
        }
        if (!current.map(Reference::nextAttempt).map(claimed::equals).orElse(true)) {
            throw raced(request.order().shopOrderId()); // another attempt became current meanwhile
        }
        return takeOver(current, claimed, request);
    }

    private Started sendSession(Order order, InitiateRequest request, SessionTokens.Issued issued) {
        Reference reference = order.reference();
        IdempotencyKey key = IdempotencyKey.of(IdempotencyKeys.forSession(reference));
        Started started;
        try {
            started = switch (order.session().flow()) {
                case CHECKOUT -> {
                    InitiateSessionResponse answer = checkout.createSession(SessionRequests.build(order, request,
                            issued, settings), key);
                    yield new Started(reference, Flow.CHECKOUT, answer.checkoutFrontendUrl(), answer.token());
                }
                case EPAYMENT -> {
                    CreatePaymentResponse answer = epayment.createPayment(PaymentRequests.build(order, request,
                            issued, settings), key);
                    yield new Started(reference, Flow.EPAYMENT, answer.redirectUrl(), null);
                }
            };
        } catch (VippsApiException e) {
            LOG.warnf("Vipps refused to start %s: status %d, code %s, traceId %s", reference, e.httpStatus(),
                    e.errorCode().orElse("-"), e.traceId().orElse("-"));
            if (e.isTransient()) {
                // Vipps may have started it: the order stays CREATING, and a retry or the reconciler finds out.
                throw new VippsUnavailable("Vipps MobilePay did not answer in time. The order is kept: retry with the "
                        + "same Idempotency-Key.", VippsTrace.of(e), e.retryAfter().orElse(RETRY_AFTER));
            }
            if (e.httpStatus() == DUPLICATE_REFERENCE && order.session().flow() == Flow.CHECKOUT) {
                sessionAlreadyAtVipps(order, e);
            }
            VippsError error = new VippsError(e.httpStatus(), e.errorCode().orElse(null), e.traceId().orElse(null),
                    e.staffMessage(), clock.instant());
            updater.update(reference, o -> o.sessionFailed(error, Source.STOREFRONT, clock.instant()));
            throw new VippsRefused("Vipps MobilePay could not start the payment. Vipps said: " + e.staffMessage(),
                    VippsTrace.of(e), false);
        }
        updater.update(reference, o -> o.sessionCreated(started.redirectUrl(), started.token(), Source.STOREFRONT,
                clock.instant()));
        LOG.infof("%s payment started for %s", started.flow(), reference);
        return started;
    }

    /**
     * Vipps says the reference is taken: an earlier try of this request did create the session, but Vipps did not
     * replay its answer. Record what Checkout shows and ask the shop for a new attempt (the lost address cannot be
     * recovered); when Checkout has no such session after all, the caller records the refusal.
     */
    private void sessionAlreadyAtVipps(Order order, VippsApiException duplicate) {
        Optional<SessionResponse> existing;
        try {
            existing = checkout.getSession(order.reference().value());
        } catch (VippsApiException e) {
            throw new VippsUnavailable("Vipps MobilePay may have started this payment but did not say so in time. "
                    + "The order is kept: retry with the same Idempotency-Key.", VippsTrace.of(e),
                    e.retryAfter().orElse(RETRY_AFTER));
        }
        if (existing.isEmpty()) {
            return;
        }
        updater.update(order.reference(), o -> VippsSignals.session(o, existing.get(), Source.STOREFRONT,
                clock.instant()));
        throw new VippsRefused("Vipps MobilePay already has a session for " + order.reference() + " but did not "
                + "repeat its address. Start a new payment with a new Idempotency-Key. Vipps said: "
                + duplicate.staffMessage(), VippsTrace.of(duplicate), false);
    }
}

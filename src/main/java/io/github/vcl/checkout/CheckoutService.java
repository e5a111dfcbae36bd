package io.github.vcl.checkout;

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
import io.github.vcl.refusal.VippsRefused;
import io.github.vcl.refusal.VippsTrace;
import io.github.vcl.refusal.VippsUnavailable;
import io.github.vcl.store.InitiateClaims;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.store.ReferenceTakenException;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.checkout.model.InitiateSessionResponse;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts a payment: writes the order first (intent), then creates the Checkout session, then records Vipps' answer.
 * Whatever stops between the two writes is finished by a retry of the shop (same Idempotency-Key) or by the
 * reconciler.
 */
public class CheckoutService {
    private static final Logger LOG = Logger.getLogger(CheckoutService.class);
    private static final int REFERENCE_TRIES = 3;
    private static final int DUPLICATE_REFERENCE = 409;
    private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(2);

    private final OrderStore store;
    private final InitiateClaims claims;
    private final OrderUpdater updater;
    private final CheckoutClient checkout;
    private final SessionTokens tokens;
    private final ReferenceGenerator references;
    private final CheckoutSettings settings;
    private final Clock clock;

    public CheckoutService(OrderStore store, InitiateClaims claims, CheckoutClient checkout, SessionTokens tokens,
                           CheckoutSettings settings, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.updater = new OrderUpdater(store);
        this.checkout = checkout;
        this.tokens = tokens;
        this.references = new ReferenceGenerator(settings.referencePrefix(), clock, new java.security.SecureRandom());
        this.settings = settings;
        this.clock = clock;
    }

    /** A started payment: what the shop hands to the Checkout frontend. */
    public record Started(Reference reference, String checkoutFrontendUrl, String token) {
        @Override
        public String toString() {
            return "Started[" + reference + "]";
        }
    }

    public Started initiate(InitiateRequest request) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Reference reference = nextReference(request.order().shopOrderId());
            Optional<String> keyHash = request.idempotencyKey().map(SessionTokens::hash);
            if (keyHash.isPresent()) {
                Optional<InitiateClaims.Claim> earlier = claims.claim(keyHash.get(), reference, request.fingerprint(),
                        now);
                if (earlier.isPresent()) {
                    return resume(earlier.get(), request);
                }
            }
            SessionTokens.Issued issued = tokens.issue(reference);
            try {
                Order order = store.create(Order.create(request.order(), reference, issued.session(),
                        Source.STOREFRONT, now));
                LOG.infof("order %s created for shop order, amount %s", reference, order.amount());
                return sendSession(order, request, issued);
            } catch (ReferenceTakenException raced) {
                keyHash.ifPresent(hash -> claims.release(hash, reference));
                if (attempt == REFERENCE_TRIES) {
                    throw new NotPossibleNow("Another payment for this shop order started at the same moment. "
                            + "Try again.");
                }
            }
        }
    }

    /** A retry under the same Idempotency-Key: the same session, or the same failure, as the first time. */
    private Started resume(InitiateClaims.Claim claim, InitiateRequest request) {
        if (!claim.fingerprint().equals(request.fingerprint())) {
            throw new IdempotencyKeyReused("This Idempotency-Key was already used for a different request. Use a "
                    + "new key for a new payment.");
        }
        Optional<Order> found = store.find(claim.reference());
        if (found.isEmpty()) {
            // The first request stopped between claiming the key and writing the order.
            SessionTokens.Issued issued = tokens.issue(claim.reference());
            Order order = store.create(Order.create(request.order(), claim.reference(), issued.session(),
                    Source.STOREFRONT, clock.instant()));
            return sendSession(order, request, issued);
        }
        Order order = found.get();
        if (order.sessionState() == SessionState.FAILED) {
            VippsError error = order.lastError();
            throw new VippsRefused("Vipps MobilePay could not start this payment: "
                    + (error == null ? "no reason given" : error.message()) + ". Start a new payment with a new "
                    + "Idempotency-Key.", error == null ? VippsTrace.NONE : new VippsTrace(error.traceId(),
                    error.code()), false);
        }
        if (order.checkout().frontendUrl() != null) {
            return new Started(order.reference(), order.checkout().frontendUrl(), order.checkout().sessionToken());
        }
        // Created, but Vipps' answer was never recorded: ask again with the same session key and body.
        return sendSession(order, request, tokens.reissue(order.reference(), order.checkout()));
    }

    private Started sendSession(Order order, InitiateRequest request, SessionTokens.Issued issued) {
        Reference reference = order.reference();
        InitiateSessionResponse answer;
        try {
            answer = checkout.createSession(SessionRequests.build(order, request, issued, settings),
                    IdempotencyKey.of(IdempotencyKeys.forSession(reference)));
        } catch (VippsApiException e) {
            LOG.warnf("Vipps refused session for %s: status %d, code %s, traceId %s", reference, e.httpStatus(),
                    e.errorCode().orElse("-"), e.traceId().orElse("-"));
            if (e.isTransient()) {
                // Vipps may have created the session: the order stays CREATING, and a retry or the reconciler finds out.
                throw new VippsUnavailable("Vipps MobilePay did not answer in time. The order is kept: retry with the "
                        + "same Idempotency-Key.", VippsTrace.of(e), e.retryAfter().orElse(RETRY_AFTER));
            }
            if (e.httpStatus() == DUPLICATE_REFERENCE) {
                sessionAlreadyAtVipps(order, e);
            }
            VippsError error = new VippsError(e.httpStatus(), e.errorCode().orElse(null), e.traceId().orElse(null),
                    e.staffMessage(), clock.instant());
            updater.update(reference, o -> o.sessionFailed(error, Source.STOREFRONT, clock.instant()));
            throw new VippsRefused("Vipps MobilePay could not start the payment. Vipps said: " + e.staffMessage(),
                    VippsTrace.of(e), false);
        }
        updater.update(reference, o -> o.sessionCreated(answer.checkoutFrontendUrl(), answer.token(),
                Source.STOREFRONT, clock.instant()));
        LOG.infof("session created for %s", reference);
        return new Started(reference, answer.checkoutFrontendUrl(), answer.token());
    }

    /**
     * Vipps says the reference is taken: an earlier try of this request did create the session, but Vipps did not
     * replay its answer. Record what Checkout shows and ask the shop for a new attempt (the lost address cannot be
     * recovered); when Checkout has no such session after all, the caller records the refusal.
     */
    private void sessionAlreadyAtVipps(Order order, VippsApiException duplicate) {
        Optional<SessionResponse> existing = checkout.getSession(order.reference().value());
        if (existing.isEmpty()) {
            return;
        }
        updater.update(order.reference(), o -> VippsSignals.session(o, existing.get(), Source.STOREFRONT,
                clock.instant()));
        throw new VippsRefused("Vipps MobilePay already has a session for " + order.reference() + " but did not "
                + "repeat its address. Start a new payment with a new Idempotency-Key. Vipps said: "
                + duplicate.staffMessage(), VippsTrace.of(duplicate), false);
    }

    /** The first attempt of a new shop order, or the next attempt after an earlier one that was not paid. */
    private Reference nextReference(String shopOrderId) {
        Optional<Order> latest = store.latestAttempt(shopOrderId);
        if (latest.isEmpty()) {
            return references.firstAttempt();
        }
        if (latest.get().paymentState() == PaymentState.AUTHORIZED) {
            throw new NotPossibleNow("Shop order " + shopOrderId + " is already paid (reference "
                    + latest.get().reference() + ").");
        }
        return latest.get().reference().nextAttempt();
    }
}

package io.github.vcl.vipps.checkout;

import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.checkout.model.InitiateSessionRequest;
import io.github.vcl.vipps.checkout.model.InitiateSessionResponse;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.http.RawResponse;
import io.github.vcl.vipps.http.VippsCallExecutor;
import io.github.vcl.vipps.http.VippsJson;

import java.util.Objects;
import java.util.Optional;

/** Vipps Checkout v3: create a session, read it back, expire it. */
public final class CheckoutClient {

    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;

    private final CheckoutApi api;
    private final VippsCallExecutor executor;

    public CheckoutClient(CheckoutApi api, VippsCallExecutor executor) {
        this.api = api;
        this.executor = executor;
    }

    /**
     * {@code POST /checkout/v3/session}. The Idempotency-Key makes a retry after a lost answer return the original
     * session instead of 409 "duplicate reference".
     *
     * @throws io.github.vcl.vipps.VippsApiException on any failure (409: reference already used)
     */
    public InitiateSessionResponse createSession(InitiateSessionRequest request, IdempotencyKey idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String reference = request.transaction() == null ? null : request.transaction().reference();
        String body = VippsJson.write(request);
        RawResponse response = executor.execute(VippsOperation.CHECKOUT_CREATE_SESSION, reference,
                () -> RawResponse.read(api.createSession(idempotencyKey.value(), body)));
        return VippsJson.readResponse(VippsOperation.CHECKOUT_CREATE_SESSION, reference, response,
                InitiateSessionResponse.class);
    }

    /**
     * {@code GET /checkout/v3/session/{reference}}.
     *
     * @return empty when Vipps answers 404: the session expired (1 h TTL) or never existed
     */
    public Optional<SessionResponse> getSession(String reference) {
        requireReference(reference);
        RawResponse response = executor.execute(VippsOperation.CHECKOUT_GET_SESSION, reference,
                () -> RawResponse.read(api.getSession(reference)), NOT_FOUND);
        if (response.status() == NOT_FOUND) {
            return Optional.empty();
        }
        return Optional.of(VippsJson.readResponse(VippsOperation.CHECKOUT_GET_SESSION, reference, response,
                SessionResponse.class));
    }

    /**
     * {@code POST /checkout/v3/session/{reference}/expire}: ends an open session, so nobody can pay through it any
     * more (docs/vipps-rules.md#checkout-sessions).
     *
     * @return false when Vipps has no open session under that reference (404 unknown or expired, 409 not expirable
     *         any more, e.g. already paid): then read the payment to see how it ended
     */
    public boolean expireSession(String reference) {
        requireReference(reference);
        RawResponse response = executor.execute(VippsOperation.CHECKOUT_EXPIRE_SESSION, reference,
                () -> RawResponse.read(api.expireSession(reference)), NOT_FOUND, CONFLICT);
        return response.isSuccess();
    }

    static void requireReference(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("reference must not be blank");
        }
    }
}

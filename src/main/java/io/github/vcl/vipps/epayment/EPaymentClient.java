package io.github.vcl.vipps.epayment;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.epayment.model.CancelRequest;
import io.github.vcl.vipps.epayment.model.CreatePaymentRequest;
import io.github.vcl.vipps.epayment.model.CreatePaymentResponse;
import io.github.vcl.vipps.epayment.model.ModificationRequest;
import io.github.vcl.vipps.epayment.model.ModificationResponse;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import io.github.vcl.vipps.http.RawResponse;
import io.github.vcl.vipps.http.VippsCallExecutor;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.token.BearerAuth;

import java.util.List;
import java.util.Objects;

/**
 * Vipps ePayment v1: also the API for capture, refund, cancel and status of Checkout payments. Every money-moving
 * call takes the caller's {@link IdempotencyKey}; a retried call re-sends the identical request with that key.
 */
public final class EPaymentClient {

    private static final TypeReference<List<PaymentEvent>> EVENT_LIST = new TypeReference<>() {
    };

    private final EPaymentApi api;
    private final BearerAuth auth;
    private final VippsCallExecutor executor;

    public EPaymentClient(EPaymentApi api, BearerAuth auth, VippsCallExecutor executor) {
        this.api = api;
        this.auth = auth;
        this.executor = executor;
    }

    /** {@code POST /epayment/v1/payments} (201). */
    public CreatePaymentResponse createPayment(CreatePaymentRequest request, IdempotencyKey idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String body = VippsJson.write(request);
        RawResponse response = executor.execute(VippsOperation.EPAYMENT_CREATE_PAYMENT, request.reference(),
                auth.authorized(bearer -> api.createPayment(bearer, idempotencyKey.value(), body)));
        return VippsJson.readResponse(VippsOperation.EPAYMENT_CREATE_PAYMENT, request.reference(), response,
                CreatePaymentResponse.class);
    }

    /** {@code GET /epayment/v1/payments/{reference}}. */
    public Payment getPayment(String reference) {
        requireReference(reference);
        RawResponse response = executor.execute(VippsOperation.EPAYMENT_GET_PAYMENT, reference,
                auth.authorized(bearer -> api.getPayment(bearer, reference)));
        return VippsJson.readResponse(VippsOperation.EPAYMENT_GET_PAYMENT, reference, response, Payment.class);
    }

    /** {@code GET /epayment/v1/payments/{reference}/events}. */
    public List<PaymentEvent> getEventLog(String reference) {
        requireReference(reference);
        RawResponse response = executor.execute(VippsOperation.EPAYMENT_GET_EVENT_LOG, reference,
                auth.authorized(bearer -> api.getEventLog(bearer, reference)));
        return VippsJson.readResponse(VippsOperation.EPAYMENT_GET_EVENT_LOG, reference, response, EVENT_LIST);
    }

    /** {@code POST .../capture}: at most the reserved amount in total (6090), partial captures allowed. */
    public ModificationResponse capture(String reference, Amount amount, IdempotencyKey idempotencyKey) {
        return modify(VippsOperation.EPAYMENT_CAPTURE, reference, new ModificationRequest(amount), idempotencyKey);
    }

    /** {@code POST .../refund}: at most captured minus refunded (6150). */
    public ModificationResponse refund(String reference, Amount amount, IdempotencyKey idempotencyKey) {
        return modify(VippsOperation.EPAYMENT_REFUND, reference, new ModificationRequest(amount), idempotencyKey);
    }

    /**
     * {@code POST .../cancel}: releases the whole uncaptured remainder, irreversibly.
     *
     * @param cancelTransactionOnly true: only cancel if the customer has not approved yet (else 6060)
     */
    public ModificationResponse cancel(String reference, boolean cancelTransactionOnly,
            IdempotencyKey idempotencyKey) {
        return modify(VippsOperation.EPAYMENT_CANCEL, reference, new CancelRequest(cancelTransactionOnly),
                idempotencyKey);
    }

    private ModificationResponse modify(VippsOperation operation, String reference, Object request,
            IdempotencyKey idempotencyKey) {
        requireReference(reference);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        String body = VippsJson.write(request);
        String key = idempotencyKey.value();
        RawResponse response = executor.execute(operation, reference, auth.authorized(bearer -> switch (operation) {
            case EPAYMENT_CAPTURE -> api.capture(bearer, key, reference, body);
            case EPAYMENT_REFUND -> api.refund(bearer, key, reference, body);
            case EPAYMENT_CANCEL -> api.cancel(bearer, key, reference, body);
            default -> throw new IllegalArgumentException(operation.name());
        }));
        return VippsJson.readResponse(operation, reference, response, ModificationResponse.class);
    }

    private static void requireReference(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("reference must not be blank");
        }
    }
}

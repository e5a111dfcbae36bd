package io.github.vcl.local.simulator.epayment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.Problems;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.SimulatedResponse;
import io.github.vcl.local.simulator.SimulatorState;

/** ePayment v1: create, get, event log, capture, refund, cancel and the test-only force approve. */
public final class EPaymentApi {

    private final SimulatorState state;

    public EPaymentApi(SimulatorState state) {
        this.state = state;
    }

    public SimulatedResponse handle(Operation.Match match, RecordedRequest request) {
        if (match.operation() == Operation.CREATE_PAYMENT) {
            return create(request);
        }
        String reference = match.pathParameter("reference");
        SimulatedPayment payment = state.payments.get(reference);
        if (payment == null) {
            return Problems.paymentError(404, "5090", "Reference not found", request.path());
        }
        JsonNode body = Json.parse(request.body()).orElse(Json.object());
        String idempotencyKey = request.header("Idempotency-Key");
        try {
            switch (match.operation()) {
                case GET_PAYMENT -> {
                    return SimulatedResponse.json(200, payment.toJson(state.frontendUrl(reference)));
                }
                case GET_PAYMENT_EVENTS -> {
                    return SimulatedResponse.json(200, payment.eventsJson());
                }
                case CAPTURE -> payment.capture(modificationValue(body), idempotencyKey, state.clock.instant());
                case REFUND -> payment.refund(modificationValue(body), idempotencyKey, state.clock.instant());
                case CANCEL -> payment.cancel(body.path("cancelTransactionOnly").asBoolean(false), idempotencyKey,
                        state.clock.instant());
                case FORCE_APPROVE -> {
                    payment.approve(state.clock.instant());
                    state.callBackIfCheckout(reference);
                    return SimulatedResponse.empty(200);
                }
                default -> throw new IllegalStateException("Not an ePayment operation: " + match.operation());
            }
        } catch (PaymentRefusedException e) {
            return Problems.paymentError(400, e.errorCode, e.getMessage(), request.path());
        }
        return SimulatedResponse.json(200, payment.toModificationJson());
    }

    private SimulatedResponse create(RecordedRequest request) {
        JsonNode body = Json.parse(request.body()).orElseThrow();
        String reference = body.path("reference").asText();
        if (state.payments.containsKey(reference)) {
            return Problems.paymentError(409, "4150", "Reference exists", request.path());
        }
        state.newPayment(reference, body.path("amount"),
                state.clock.instant().plus(state.options.paymentExpiry()));
        if (body.hasNonNull("returnUrl")) {
            state.returnUrls.put(reference, body.get("returnUrl").asText());
        }
        if (body.has("receipt")) {
            state.receipts.put(reference, body.get("receipt"));
        }
        ObjectNode response = Json.object()
                .put("redirectUrl", state.frontendUrl(reference))
                .put("reference", reference);
        return SimulatedResponse.json(201, response);
    }

    private static long modificationValue(JsonNode body) {
        return body.path("modificationAmount").path("value").asLong();
    }
}

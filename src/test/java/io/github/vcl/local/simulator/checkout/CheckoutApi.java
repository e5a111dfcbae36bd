package io.github.vcl.local.simulator.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.Problems;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.SimulatedResponse;
import io.github.vcl.local.simulator.SimulatorState;
import io.github.vcl.local.simulator.epayment.SimulatedPayment;
import io.github.vcl.local.simulator.token.FakeJwt;

/**
 * Checkout v3: {@code POST /checkout/v3/session}, {@code GET /checkout/v3/session/{reference}} and {@code POST
 * /checkout/v3/session/{reference}/expire}.
 */
public final class CheckoutApi {

    private final SimulatorState state;

    public CheckoutApi(SimulatorState state) {
        this.state = state;
    }

    public SimulatedResponse handle(Operation.Match match, RecordedRequest request) {
        return switch (match.operation()) {
            case CREATE_SESSION -> create(request);
            case EXPIRE_SESSION -> expire(match.pathParameter("reference"), request.path());
            default -> get(match.pathParameter("reference"), request.path());
        };
    }

    private SimulatedResponse create(RecordedRequest request) {
        JsonNode body = Json.parse(request.body()).orElseThrow();
        JsonNode transaction = body.path("transaction");
        String reference = transaction.path("reference").asText();
        if (state.payments.containsKey(reference)) {
            return Problems.checkout(409, "DuplicateReference", "Conflict",
                    "A session or payment with reference " + reference + " already exists", request.path());
        }
        SimulatedPayment payment = state.newPayment(reference, transaction.path("amount"),
                state.clock.instant().plus(state.options.sessionTtl()));
        CheckoutSession session = new CheckoutSession(body, payment, payment.expiresAt());
        state.sessions.put(reference, session);
        if (!session.orderSummary().isMissingNode()) {
            // Checkout turns the order summary into the Order Management receipt
            // (docs/vipps-rules.md#checkout-sessions).
            ObjectNode receipt = Json.object();
            receipt.set("orderLines", session.orderSummary().path("orderLines"));
            receipt.set("bottomLine", session.orderSummary().path("orderBottomLine"));
            state.receipts.put(reference, receipt);
        }
        String pollingUrl = state.baseUrl() + "/checkout/v3/session/" + reference;
        ObjectNode response = Json.object()
                .put("token", FakeJwt.withClaims("{\"sessionId\":\"" + session.sessionId
                        + "\",\"sessionPollingURL\":\"" + pollingUrl + "\"}"))
                .put("checkoutFrontendUrl", state.frontendUrl(reference))
                .put("pollingUrl", pollingUrl);
        return SimulatedResponse.json(200, response);
    }

    /**
     * Ends an open session: nobody can pay through it any more, and its payment (still waiting for the customer) is
     * terminated. A session already paid or ended cannot be expired (409); an unknown or gone one is 404.
     */
    private SimulatedResponse expire(String reference, String instance) {
        CheckoutSession session = state.sessions.get(reference);
        if (session == null || session.isGone(state.clock.instant())) {
            return Problems.checkout(404, "Session-00100", "Not Found", "Session not found or expired", instance);
        }
        if (session.payment.state() != SimulatedPayment.State.CREATED) {
            return Problems.checkout(409, "Session-00110", "Conflict", "The session has a payment result and "
                    + "cannot be expired", instance);
        }
        session.expireByMerchant(state.clock.instant());
        return SimulatedResponse.empty(204);
    }

    private SimulatedResponse get(String reference, String instance) {
        CheckoutSession session = state.sessions.get(reference);
        if (session == null || session.isGone(state.clock.instant())) {
            return Problems.checkout(404, "Session-00100", "Not Found", "Session not found or expired", instance);
        }
        return SimulatedResponse.json(200, session.toJson(state.credentials.merchantSerialNumber(),
                state.clock.instant()));
    }
}

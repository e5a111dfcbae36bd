package io.github.vcl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.deploy.LambdaEvents;
import io.github.vcl.deploy.PackagedWorld;
import io.github.vcl.testing.Carts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event each export gets first in the cold-start benchmark: an ordinary request of its route that needs no order
 * in the table and no Vipps call, so that what is timed is the function, not the world around it.
 *
 * @param route    what the request is, for the table
 * @param answer   what the function must answer (checked, so a refused start cannot pass as a fast one)
 */
record FirstRequest(String export, String route, String event, String answer) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "shop-261125-ABCDEFGH-1";

    /** Every export of template.yaml, each with its first request. */
    static List<FirstRequest> all(PackagedWorld world) {
        String shop = "Bearer " + PackagedWorld.SHOP_KEY;
        String staff = "Bearer " + PackagedWorld.STAFF_KEY;
        String webhook = "{\"msn\":\"" + world.vipps().credentials().merchantSerialNumber() + "\",\"reference\":\""
                + UNKNOWN + "\",\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\",\"value\":100},"
                + "\"success\":true}";
        return List.of(
                new FirstRequest("initiate", "POST /checkout/sessions, a cart with a field error", LambdaEvents.http(
                        "POST", "/checkout/sessions", Map.of(), Map.of("authorization", shop, "content-type",
                                "application/json", "idempotency-key", UUID.randomUUID().toString()),
                        Carts.json(Carts.newShopOrderId()).replace("\"quantity\": 2", "\"quantity\": 0")), "400"),
                new FirstRequest("status", "GET /checkout/sessions/{reference}, unknown order (GetItem)",
                        LambdaEvents.http("GET", "/checkout/sessions/{reference}", Map.of("reference", UNKNOWN),
                                Map.of("authorization", shop), null), "404"),
                new FirstRequest("callback", "POST /callbacks/checkout/{reference}, forged token",
                        LambdaEvents.http("POST", "/callbacks/checkout/{reference}", Map.of("reference", UNKNOWN),
                                Map.of("content-type", "application/json", "authorization", "forged"),
                                "{\"reference\":\"" + UNKNOWN + "\",\"sessionState\":\"PaymentSuccessful\"}"), "401"),
                new FirstRequest("webhooks", "POST /webhooks/vipps, signed, unknown order (UpdateItem)",
                        LambdaEvents.http("POST", "/webhooks/vipps", Map.of(), world.signedWebhookHeaders(webhook),
                                webhook), "200"),
                new FirstRequest("reconcile", "EventBridge schedule, nothing pending (Query, bookmark)",
                        LambdaEvents.resource("eventbridge-scheduled.json"), "complete"),
                new FirstRequest("authorize", "authorizer request with the shop's key",
                        LambdaEvents.authorizer(shop), "allowed"),
                new FirstRequest("operations", "POST /orders/{reference}/capture, unknown order (GetItem)",
                        LambdaEvents.http("POST", "/orders/{reference}/capture", Map.of("reference", UNKNOWN),
                                Map.of("authorization", staff, "content-type", "application/json",
                                        "idempotency-key", UUID.randomUUID().toString()), "{\"amount\": 100}"),
                        "404"),
                new FirstRequest("support", "GET /orders, newest first (Query)", LambdaEvents.http("GET", "/orders",
                        Map.of(), Map.of("authorization", staff), null), "200"));
    }

    /** What a function's answer is, in the terms of {@link #answer}: a status code, or a reconcile/authorizer word. */
    static String outcome(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer.has("statusCode")) {
                return answer.get("statusCode").asText();
            }
            if (answer.has("isAuthorized")) {
                return answer.get("isAuthorized").asBoolean() ? "allowed" : "refused";
            }
            return answer.path("complete").asBoolean() ? "complete" : body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.vcl.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A well-behaved merchant client for the simulator tests: sends every header the contract asks for. */
public final class SimulatorClient {

    private final VippsSimulator sim;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String token;

    public SimulatorClient(VippsSimulator sim) {
        this.sim = sim;
    }

    /** Headers every Vipps call carries. */
    public Map<String, String> standardHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Ocp-Apim-Subscription-Key", sim.credentials().subscriptionKey());
        headers.put("Merchant-Serial-Number", sim.credentials().merchantSerialNumber());
        headers.put("Vipps-System-Name", "vipps-checkout-lambda");
        headers.put("Vipps-System-Version", "0.1.0");
        headers.put("Vipps-System-Plugin-Name", "vcl-backend");
        headers.put("Vipps-System-Plugin-Version", "0.1.0");
        return headers;
    }

    public HttpResponse<String> accessToken() {
        Map<String, String> headers = standardHeaders();
        headers.put("client_id", sim.credentials().clientId());
        headers.put("client_secret", sim.credentials().clientSecret());
        return send("POST", "/accesstoken/get", "", headers);
    }

    public String token() {
        if (token == null) {
            token = json(accessToken()).get("access_token").asText();
        }
        return token;
    }

    /** A Checkout call: client credentials instead of a token. */
    public HttpResponse<String> checkout(String method, String path, String body) {
        Map<String, String> headers = standardHeaders();
        headers.put("client_id", sim.credentials().clientId());
        headers.put("client_secret", sim.credentials().clientSecret());
        return send(method, path, body, headers);
    }

    /** An ePayment, Order Management or Webhooks call with a bearer token. */
    public HttpResponse<String> bearer(String method, String path, String body) {
        return send(method, path, body, bearerHeaders());
    }

    /** An ePayment modification with a fresh Idempotency-Key. */
    public HttpResponse<String> modify(String path, String body) {
        return modify(path, body, UUID.randomUUID().toString());
    }

    public HttpResponse<String> modify(String path, String body, String idempotencyKey) {
        Map<String, String> headers = bearerHeaders();
        headers.put("Idempotency-Key", idempotencyKey);
        return send("POST", path, body, headers);
    }

    public Map<String, String> bearerHeaders() {
        Map<String, String> headers = standardHeaders();
        headers.put("Authorization", "Bearer " + token());
        return headers;
    }

    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String reference() {
        return "vcl-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String sessionRequest(String reference, String callbackUrl) {
        return """
                {"type": "PAYMENT",
                 "merchantInfo": {"callbackUrl": "%s", "returnUrl": "https://shop.example/return/%s",
                                  "callbackAuthorizationToken": "cb-token-%s",
                                  "termsAndConditionsUrl": "https://shop.example/terms"},
                 "transaction": {"amount": {"value": 1000, "currency": "NOK"}, "reference": "%s",
                                 "paymentDescription": "One pair of socks",
                                 "orderSummary": {"orderLines": [{"name": "Socks", "id": "socks-1",
                                     "totalAmount": 1000, "totalAmountExcludingTax": 800, "totalTaxAmount": 200,
                                     "taxRate": 2500, "unitInfo": {"unitPrice": 1000, "quantity": "1",
                                     "quantityUnit": "PCS"}}],
                                  "orderBottomLine": {"currency": "NOK"}}},
                 "logistics": {"fixedOptions": [{"brand": "POSTEN", "amount": {"value": 0, "currency": "NOK"},
                     "id": "posten-1", "priority": 1, "isDefault": true}]}}
                """.formatted(callbackUrl, reference, reference, reference);
    }

    public static String paymentRequest(String reference) {
        return """
                {"amount": {"value": 1000, "currency": "NOK"}, "paymentMethod": {"type": "WALLET"},
                 "reference": "%s", "userFlow": "WEB_REDIRECT", "returnUrl": "https://shop.example/return",
                 "paymentDescription": "One pair of socks"}
                """.formatted(reference);
    }

    /** An Order Management receipt with the one order line of {@link #sessionRequest}. */
    public static String receipt() {
        return """
                {"orderLines": [{"name": "Socks", "id": "socks-1", "totalAmount": 1000,
                  "totalAmountExcludingTax": 800, "totalTaxAmount": 200, "taxRate": 2500}],
                 "bottomLine": {"currency": "NOK"}}
                """;
    }

    public static String amount(long value) {
        return "{\"modificationAmount\": {\"value\": " + value + ", \"currency\": \"NOK\"}}";
    }
}

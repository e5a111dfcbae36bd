package io.github.vcl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.order.Reference;
import io.github.vcl.testing.Api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Checkout callback Vipps would send for a session, as the callback function's API Gateway event: the session as
 * GET session shows it now, with the session's callback token. Read from the simulator under the system name
 * {@value #SYSTEM_NAME}, so a benchmark can leave these reads out of the application's Vipps calls.
 */
final class CheckoutCallbacks {
    static final String SYSTEM_NAME = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckoutCallbacks() {
    }

    static HttpApiEvent event(VippsSimulator simulator, Reference reference) {
        JsonNode session = sessionRequest(simulator, reference);
        String token = session.at("/merchantInfo/callbackAuthorizationToken").asText();
        String body = Api.get(simulator.baseUrl() + "/checkout/v3/session/" + reference, headers(simulator)).body();
        return new HttpApiEvent("2.0", "POST /callbacks/checkout/{reference}", "/callbacks/checkout/" + reference,
                "", Map.of("authorization", token, "content-type", "application/json"), null,
                Map.of("reference", reference.value()), null, body, false);
    }

    /** The session request the application sent for {@code reference}. */
    static JsonNode sessionRequest(VippsSimulator simulator, Reference reference) {
        String sent = simulator.requests().stream()
                .filter(r -> r.path().equals("/checkout/v3/session") && r.bodyText().contains(reference.value()))
                .findFirst().map(RecordedRequest::bodyText).orElseThrow();
        try {
            return JSON.readTree(sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the benchmark, not the application, made this request. */
    static boolean fromBenchmark(RecordedRequest request) {
        return SYSTEM_NAME.equals(request.header("Vipps-System-Name"));
    }

    private static Map<String, String> headers(VippsSimulator simulator) {
        var c = simulator.credentials();
        return Map.of("client_id", c.clientId(), "client_secret", c.clientSecret(), "Ocp-Apim-Subscription-Key",
                c.subscriptionKey(), "Merchant-Serial-Number", c.merchantSerialNumber(), "Vipps-System-Name",
                SYSTEM_NAME, "Vipps-System-Version", "1", "Vipps-System-Plugin-Name", SYSTEM_NAME,
                "Vipps-System-Plugin-Version", "1");
    }
}

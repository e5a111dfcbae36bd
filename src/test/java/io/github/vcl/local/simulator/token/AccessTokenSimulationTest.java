package io.github.vcl.local.simulator.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.AdjustableClock;
import io.github.vcl.local.simulator.SimulatorClient;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokenSimulationTest {

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final VippsSimulator sim = VippsSimulator.start(SimulatorOptions.defaults().withClock(clock)
            .withTokenLifetime(Duration.ofMinutes(60)));
    private final SimulatorClient client = new SimulatorClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void issuesATokenWithStringTypedNumbers() {
        HttpResponse<String> response = client.accessToken();

        assertEquals(200, response.statusCode());
        JsonNode token = SimulatorClient.json(response);
        assertEquals("Bearer", token.get("token_type").asText());
        assertTrue(token.get("expires_in").isTextual());
        assertEquals("3600", token.get("expires_in").asText());
        assertTrue(token.get("expires_on").isTextual());
        assertTrue(token.get("not_before").isTextual());
        assertTrue(token.get("ext_expires_in").isTextual());
        assertEquals(List.of(), sim.violations());
    }

    @Test
    void rejectsAWrongClientSecret() {
        Map<String, String> headers = client.standardHeaders();
        headers.put("client_id", sim.credentials().clientId());
        headers.put("client_secret", "not-the-secret");

        assertEquals(401, client.send("POST", "/accesstoken/get", "", headers).statusCode());
    }

    @Test
    void anExpiredTokenIsRefused() {
        String reference = SimulatorClient.reference();
        assertEquals(201, client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference))
                .statusCode());

        clock.advance(Duration.ofMinutes(61));

        assertEquals(401, client.bearer("GET", "/epayment/v1/payments/" + reference, null).statusCode());
    }

    @Test
    void aTokenWithoutTheWordBearerIsRefused() {
        Map<String, String> headers = client.standardHeaders();
        headers.put("Authorization", client.token());

        assertEquals(401, client.send("GET", "/webhooks/v1/webhooks", null, headers).statusCode());
    }
}

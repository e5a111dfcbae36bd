package io.github.vcl.local.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitSimulationTest {

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final VippsSimulator sim = VippsSimulator.start(SimulatorOptions.defaults().withClock(clock)
            .withRateLimits(5, 3));
    private final SimulatorClient client = new SimulatorClient(sim);
    private final String reference = SimulatorClient.reference();
    private final String payment = "/epayment/v1/payments/" + reference;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void modificationsAreLimitedPerReferenceAndMinute() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.customer().approve(reference);
        for (int i = 0; i < 4; i++) {
            assertEquals(200, client.modify(payment + "/capture", SimulatorClient.amount(1)).statusCode());
        }

        HttpResponse<String> limited = client.modify(payment + "/capture", SimulatorClient.amount(1));

        assertEquals(429, limited.statusCode());
        assertEquals("60", limited.headers().firstValue("Retry-After").orElseThrow());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(200, client.modify(payment + "/capture", SimulatorClient.amount(1)).statusCode());
    }

    @Test
    void readsHaveTheirOwnLimit() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.bearer("GET", payment, null).statusCode());
        }

        HttpResponse<String> limited = client.bearer("GET", payment, null);

        assertEquals(429, limited.statusCode());
        clock.advance(Duration.ofSeconds(30));
        assertEquals("30", client.bearer("GET", payment, null).headers().firstValue("Retry-After").orElseThrow());
    }
}

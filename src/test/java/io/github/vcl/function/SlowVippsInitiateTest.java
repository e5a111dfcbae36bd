package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.order.SessionState;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The finding: an interactive route could outlive its function's timeout when Vipps was slow, and the caller got the
 * platform's bare 500. Now the function asks Vipps only while an answer still fits, then answers 503 with
 * Retry-After — well before its timeout — and keeps the order for a retry or the reconciler.
 */
@QuarkusTest
@TestProfile(FunctionProfile.SlowInitiate.class)
class SlowVippsInitiateTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OrderStore store;

    @Test
    void aSlowVippsGivesA503ProblemBeforeTheFunctionTimesOut() throws Exception {
        world().simulator().faults().on(Operation.CREATE_SESSION).delay(Duration.ofSeconds(4)).times(3);
        long started = System.nanoTime();
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("slow-1"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(503, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        assertTrue(response.headers().firstValue("retry-after").isPresent(), response.headers().toString());
        JsonNode problem = JSON.readTree(response.body());
        assertTrue(problem.get("detail").asText().contains("retry with the same Idempotency-Key"), response.body());
        assertTrue(took.compareTo(FunctionProfile.SlowInitiate.TIMEOUT) < 0, "answered after " + took);
        assertEquals(SessionState.CREATING, store.find(world().currentAttempt("slow-1")).orElseThrow()
                .sessionState(), "kept for the retry or the reconciler");
    }
}

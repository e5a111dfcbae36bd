package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Reference;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The finding: the reconciler checked its deadline only between pages of 100, so with slow Vipps answers a run was
 * killed by the Lambda timeout before it saved its bookmark, and the tail of the index starved. Now a run starts an
 * order only while its calls still fit and bookmarks as it goes: with latency L, concurrency C and a run of R seconds
 * of which an order may need T, a run visits about C × (R − T) / L orders, and N pending orders are all visited within
 * ⌈N / that⌉ + 1 runs, none of which overruns. (The 300-order, 5 s example of the issue: C 16, R 55 s, T 7 s gives
 * 153 per run, all visited within 3 runs.) Here, scaled down: L 0.7 s, C 2, R 4 s, T 2 s, N 20.
 */
@QuarkusTest
@TestProfile(FunctionProfile.SlowReconcile.class)
class ReconcileDeadlineTest extends FunctionTest {
    private static final Duration LATENCY = Duration.ofMillis(700);
    private static final int ORDERS = 20;
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(9);

    @Inject
    CheckoutService checkout;

    @Test
    void everyPendingOrderIsVisitedWithinTheStatedNumberOfRunsAndNoRunOverruns() throws Exception {
        List<Reference> pending = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            pending.add(AuthorizedOrders.startedForSetup(checkout, Flow.CHECKOUT));
        }
        world().simulator().faults().on(Operation.GET_PAYMENT).delay(LATENCY).times(10_000);
        double perRun = 2 * (4.0 - 2.0) / (LATENCY.toMillis() / 1000.0);
        int allowedRuns = (int) Math.ceil(ORDERS / perRun) + 1;

        Set<String> visited = new HashSet<>();
        int runs = 0;
        while (visited.size() < ORDERS && runs < allowedRuns) {
            long started = System.nanoTime();
            JsonNode summary = ReconcileFunctionTest.reconcile();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            runs++;
            assertTrue(took.compareTo(FUNCTION_TIMEOUT) < 0, "run " + runs + " took " + took);
            if (visited.size() + summary.get("examined").asInt() < ORDERS) {
                assertFalse(summary.get("complete").asBoolean(), summary.toString());
            }
            for (Reference reference : pending) {
                if (paymentReads(reference) > 0) {
                    visited.add(reference.value());
                }
            }
        }
        assertEquals(ORDERS, visited.size(), "visited " + visited.size() + " of " + ORDERS + " in " + runs
                + " runs (allowed " + allowedRuns + ")");
    }

    private static long paymentReads(Reference reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/epayment/v1/payments/" + reference))
                .count();
    }
}

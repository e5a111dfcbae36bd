package io.github.vcl.bench;

import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.config.BackendConfig;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.operations.OperationRequest;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.order.Flow;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.reconcile.ReconcileService;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.testing.TestClock;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Vipps calls one paid-and-captured ePayment order costs over its life, with time moved by hand: orders are
 * started and approved at once, the reconciler runs every simulated minute (as the EventBridge schedule does), and
 * the shop captures each order in full a day later ({@code -Dbench.capture-after-hours}). The two subclasses differ
 * only in whether Vipps' webhooks are registered (and the reconciler told so). Printed per order, by kind of call.
 */
abstract class OrderLifeBenchmark extends FunctionTest {
    private static final Logger LOG = Logger.getLogger(OrderLifeBenchmark.class);
    static final int ORDERS = Integer.getInteger("bench.life-orders", 100);
    static final Duration CAPTURE_AFTER = Duration.ofHours(Long.getLong("bench.capture-after-hours", 24));
    private static final Duration RUN_EVERY = Duration.ofMinutes(1);
    private static final Duration AFTER_CAPTURE = Duration.ofHours(1);
    /**
     * Calls per order of each mode measured in this JVM, for the ratio: kept in system properties, as each test
     * profile's application has its own class loader (and statics).
     */
    private static final String MEASURED = "bench.calls-per-order.";

    @Inject
    CheckoutService checkout;
    @Inject
    OperationsService operations;
    @Inject
    ReconcileService reconciler;
    @Inject
    OrderStore store;
    @Inject
    BackendConfig config;
    @Inject
    TestClock clock;

    /** How approvals reach the orders in this mode, awaited before time moves on. */
    protected abstract void awaitApprovals(List<Reference> references);

    protected abstract String mode();

    protected void measureCallsPerOrder() {
        int before = world().simulator().requests().size();
        List<Reference> references = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Reference reference = checkout.initiate(Carts.request(Carts.newShopOrderId(), Flow.EPAYMENT)).reference();
            world().simulator().customer().approve(reference.value());
            references.add(reference);
        }
        awaitApprovals(references);
        int runs = runReconcilerFor(CAPTURE_AFTER);
        for (Reference reference : references) {
            OperationsService.Outcome captured = operations.request(reference, new OperationRequest(
                    OperationType.CAPTURE, Optional.empty(), Optional.empty(), Optional.of("shipped"), "bench",
                    Optional.empty()));
            assertEquals(true, captured.finished(), captured.message());
        }
        runs += runReconcilerFor(AFTER_CAPTURE);
        for (Reference reference : references) {
            var order = store.find(reference).orElseThrow();
            assertEquals(PaymentState.AUTHORIZED, order.paymentState());
            assertEquals(50000, order.aggregate().captured().minor(), reference.value());
        }

        List<RecordedRequest> calls = world().simulator().requests().subList(before,
                world().simulator().requests().size());
        Map<String, Long> byKind = calls.stream().collect(Collectors.groupingBy(
                OrderLifeBenchmark::kind, TreeMap::new, Collectors.counting()));
        long tokenCalls = byKind.getOrDefault("POST /accesstoken/get", 0L);
        double perOrder = (double) (calls.size() - tokenCalls) / ORDERS;
        System.setProperty(MEASURED + mode(), Double.toString(perOrder));
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, count) -> kinds.append(String.format("%n    %-60s %7.2f per order", kind,
                (double) count / ORDERS)));
        LOG.warnf("BENCHMARK calls per paid-and-captured order, %s: %.2f Vipps calls per order (%d orders, captured "
                        + "after %s, %d reconciler runs, %d access-token calls in all)%s%s", mode(), perOrder, ORDERS,
                CAPTURE_AFTER, runs, tokenCalls, kinds, ratio());
    }

    private static String ratio() {
        String polling = System.getProperty(MEASURED + PollingBenchmarkTest.MODE);
        String webhooks = System.getProperty(MEASURED + WebhookBenchmarkTest.MODE);
        return polling == null || webhooks == null ? "" : String.format(
                "%n  polling only / with webhooks: %s / %s = %.2f times the calls", polling, webhooks,
                Double.parseDouble(polling) / Double.parseDouble(webhooks));
    }

    /** Runs the reconciler once per simulated minute for {@code period}; how many runs. */
    private int runReconcilerFor(Duration period) {
        int runs = 0;
        for (Duration passed = Duration.ZERO; passed.compareTo(period) < 0; passed = passed.plus(RUN_EVERY)) {
            clock.advance(RUN_EVERY);
            ReconcileService.Summary summary = reconciler.runFor(config.functionTimeout());
            assertEquals(0, summary.failed(), summary.toString());
            runs++;
        }
        return runs;
    }

    /** A request's method and path, the reference replaced by a placeholder. */
    static String kind(RecordedRequest request) {
        return request.method() + " " + request.path().replaceAll("test-\\d{6}-[A-Z0-9]+-\\d+", "{reference}");
    }
}

package io.github.vcl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.config.BackendConfig;
import io.github.vcl.function.CallbackFunction;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Reference;
import io.github.vcl.store.OrderRemoval;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderTable;
import io.github.vcl.store.Page;
import io.github.vcl.store.PendingOrder;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.DynamoCallCounter;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmarks of issues 4 and 13, printed as ratios measured in one run (not timed assertions):
 * <ul>
 *   <li><b>reconcile</b>: 5,000 pending orders ({@code -Dbench.orders}) in dynalite and the simulator with mixed
 *   outcomes, reconciled by one invocation through the Lambda event path: orders/second, Vipps calls per order,
 *   DynamoDB writes per changed and unchanged order. The same orders first go through a bare loop (the same ePayment
 *   GET and one conditional UpdateItem per order, at the reconciler's concurrency): the reconciler's rate against it.
 *   Then 50,000 more ({@code -Dbench.large-orders}) the same way: the rate at 50,000 against the rate at 5,000 — and
 *   against 5,000 once more in a table as large (5,000 of the 50,000 deleted first) —, and how the writes that put
 *   orders in the reconciliation index spread over its keys (the shards);</li>
 *   <li><b>callback</b>: the callback handler's time per callback against one bare conditional UpdateItem on the same
 *   DynamoDB endpoint, interleaved, medians and their ratio.</li>
 * </ul>
 * Run: {@code ./mvnw -B test -Pbench}. Excluded from the normal test run (tag {@code benchmark}).
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class CheckoutBenchmarkTest extends FunctionTest {
    private static final Logger LOG = Logger.getLogger(CheckoutBenchmarkTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = Integer.getInteger("bench.orders", 5_000);
    private static final int LARGE_ORDERS = Integer.getInteger("bench.large-orders", 50_000);
    private static final int CALLBACKS = Integer.getInteger("bench.callbacks", 500);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

    @Inject
    CheckoutService checkout;
    @Inject
    CallbackFunction callbackFunction;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    EPaymentClient epayment;
    @Inject
    OrderStore store;
    @Inject
    BackendConfig config;
    @Inject
    ReconcileShards shards;

    private final Map<String, Long> indexKeyWrites = new TreeMap<>();

    @Test
    void reconcile() throws Exception {
        world().simulator().faults().callbacks().dropNext(Integer.MAX_VALUE);
        emptyIndex(); // nothing other tests left is read in the measured runs
        DynamoCallCounter.reset();

        Pending small = pendingOrders(ORDERS);
        BareReconcileLoop bare = new BareReconcileLoop(epayment, dynamo, config.ordersTable(),
                config.reconcile().concurrency());
        double bareRate = bare.rate(small.references());
        Measured smallRun = reconcileOnce(small);
        emptyIndex();
        Pending large = pendingOrders(LARGE_ORDERS);
        double largeBareRate = bare.rate(large.references());
        Measured largeRun = reconcileOnce(large);
        // Once more at 5,000, in a table holding as many items as in the 50,000-order run (5,000 of those orders
        // deleted first): dynalite slows down as its data grows, the bare loop as much as the reconciler, so this pair
        // differs in the number of pending orders alone.
        emptyIndex();
        OrderRemoval.remove(dynamo, config.ordersTable(), large.references().subList(0, ORDERS));
        Pending sameSize = pendingOrders(ORDERS);
        double sameSizeBareRate = bare.rate(sameSize.references());
        Measured sameSizeRun = reconcileOnce(sameSize);
        resetCounts();

        long busiest = indexKeyWrites.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long writes = indexKeyWrites.values().stream().mapToLong(Long::longValue).sum();
        int shardCount = shards.count();
        LOG.warnf("""
                        BENCHMARK reconcile, in one run:
                          throughput at %,d orders / at %,d orders: %.2f (%.0f / %.0f orders/s); the bare loop's: \
                        %.2f (%.0f / %.0f orders/s)
                          at an equal table size (%,d orders run again after as many of the %,d were deleted): \
                        %.2f (%.0f / %.0f orders/s); the bare loop's: %.2f (%.0f / %.0f orders/s)
                          reconcile / bare loop (ePayment GET + conditional UpdateItem per order, %d at a time): \
                        %.2f at %,d orders (%.0f / %.0f orders/s), %.2f at %,d (%.0f / %.0f orders/s), %.2f at %,d \
                        in the larger table (%.0f / %.0f orders/s)
                          index writes: %,d over %d keys (%d shards), the busiest key %,d = %.2f/%d of them \
                        (an even spread: 1/%d); by key %s""",
                LARGE_ORDERS, ORDERS, largeRun.rate() / smallRun.rate(), largeRun.rate(), smallRun.rate(),
                largeBareRate / bareRate, largeBareRate, bareRate,
                ORDERS, LARGE_ORDERS, largeRun.rate() / sameSizeRun.rate(), largeRun.rate(), sameSizeRun.rate(),
                largeBareRate / sameSizeBareRate, largeBareRate, sameSizeBareRate,
                config.reconcile().concurrency(),
                smallRun.rate() / bareRate, ORDERS, smallRun.rate(), bareRate, largeRun.rate() / largeBareRate,
                LARGE_ORDERS, largeRun.rate(), largeBareRate, sameSizeRun.rate() / sameSizeBareRate, ORDERS,
                sameSizeRun.rate(), sameSizeBareRate,
                writes, indexKeyWrites.size(), shardCount, busiest, (double) busiest * shardCount / writes, shardCount,
                shardCount,
                indexKeyWrites);
    }

    /** Orders started and decided by their customers, their callbacks lost: what the reconciler has to find. */
    private record Pending(List<Reference> references, int approved, int rejected, int abandoned, double setupSeconds) {
        int open() {
            return references.size() - approved - rejected - abandoned;
        }
    }

    private record Measured(int examined, double seconds) {
        double rate() {
            return examined / seconds;
        }
    }

    /** {@code count} orders, a quarter each approved, rejected, abandoned and still open. */
    private Pending pendingOrders(int count) throws Exception {
        long start = System.nanoTime();
        List<Reference> references = startOrders(count);
        int[] decided = new int[3];
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i).value();
            switch (i % 4) {
                case 0 -> world().simulator().customer().approve(reference);
                case 1 -> world().simulator().customer().reject(reference);
                case 2 -> world().simulator().customer().abandon(reference);
                default -> { } // still open: unchanged
            }
            if (i % 4 < 3) {
                decided[i % 4]++;
            }
        }
        return new Pending(references, decided[0], decided[1], decided[2], (System.nanoTime() - start) / 1e9);
    }

    /** One reconcile invocation over {@code pending}, measured. */
    private Measured reconcileOnce(Pending pending) throws Exception {
        int requestsBefore = world().simulator().requests().size();
        resetCounts();
        long start = System.nanoTime();
        JsonNode summary = JSON.readTree(world().lambda().invoke("reconcile", RECONCILE_EVENT, RUN_TIMEOUT));
        double seconds = (System.nanoTime() - start) / 1e9;

        List<RecordedRequest> all = world().simulator().requests();
        List<RecordedRequest> vippsCalls = all.subList(requestsBefore, all.size());
        long paymentGets = vippsCalls.stream()
                .filter(r -> r.method().equals("GET") && r.path().startsWith("/epayment/v1/payments/")).count();
        long tokenCalls = vippsCalls.stream().filter(r -> r.path().equals("/accesstoken/get")).count();
        int examined = summary.get("examined").asInt();
        int changed = summary.get("changed").asInt();
        int unchanged = summary.get("unchanged").asInt();
        long updates = DynamoCallCounter.count("UpdateItem");
        long bookmarkWrites = DynamoCallCounter.count("PutItem") + DynamoCallCounter.count("DeleteItem");
        long queries = DynamoCallCounter.count("Query");
        LOG.warnf("""
                        BENCHMARK reconcile: %,d orders (%d approved, %d rejected, %d abandoned, %d open; started and \
                        decided in %.0f s), %d examined, %d changed, %d unchanged, %d failed, complete=%s
                          time %.2f s -> %.0f orders/s
                          Vipps calls per order: %.3f (ePayment GETs %d, token calls %d per run, %d calls in all)
                          DynamoDB writes: UpdateItem per changed order %.3f, per unchanged order %.3f \
                        (UpdateItem %d; bookmark Put/Delete %d per run; %d index queries)""",
                pending.references().size(), pending.approved(), pending.rejected(), pending.abandoned(),
                pending.open(), pending.setupSeconds(), examined, changed, unchanged, summary.get("failed").asInt(),
                summary.get("complete").asBoolean(), seconds, examined / seconds, (double) paymentGets / examined,
                paymentGets, tokenCalls, vippsCalls.size(), (double) updates / changed,
                (double) (updates - changed) / Math.max(1, unchanged), updates, bookmarkWrites, queries);
        assertEquals(pending.references().size(), examined, summary.toString());
        assertEquals(true, summary.get("complete").asBoolean(), summary.toString());
        return new Measured(examined, seconds);
    }

    /**
     * Takes every order out of the reconciliation index (conditional on its version, as the reconciler does), so that a
     * measured run reads only the orders set up for it.
     */
    private void emptyIndex() {
        Instant everything = Instant.now().plus(Duration.ofDays(365));
        for (String key : shards.keysToRead(shards.count())) {
            String cursor = null;
            do {
                Page<PendingOrder> page = store.needingReconciliation(key, everything, 100, cursor);
                page.items().forEach(pending -> store.reschedule(pending.order(), Optional.empty()));
                cursor = page.cursor();
            } while (cursor != null);
        }
    }

    /** Keeps the index writes counted so far, then starts counting calls afresh. */
    private void resetCounts() {
        DynamoCallCounter.indexKeyWrites().forEach((key, writes) -> indexKeyWrites.merge(key, writes, Long::sum));
        DynamoCallCounter.reset();
    }

    @Test
    void callback() throws Exception {
        world().simulator().faults().callbacks().dropNext(Integer.MAX_VALUE);
        List<Reference> references = startOrders(CALLBACKS);
        List<HttpApiEvent> events = new ArrayList<>();
        for (Reference reference : references) {
            world().simulator().customer().approve(reference.value());
            events.add(CheckoutCallbacks.event(world().simulator(), reference));
        }
        BareUpdate baseline = new BareUpdate(dynamo, config.ordersTable(), 50);
        Reference shaped = references.get(0);
        BareUpdate orderShaped = new BareUpdate(dynamo, config.ordersTable(), shaped.nextAttempt().value(),
                dynamo.getItem(b -> b.tableName(config.ordersTable())
                        .key(Map.of(OrderTable.REFERENCE, AttributeValue.fromS(shaped.value())))).item(), 50);
        long[] handler = new long[events.size()];
        long[] handlerStore = new long[events.size()];
        long[] bare = new long[events.size()];
        long[] bareOnOrder = new long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            long storeBefore = DynamoCallCounter.nanos("UpdateItem");
            long t0 = System.nanoTime();
            HttpApiResponse response = callbackFunction.callback(events.get(i));
            handler[i] = System.nanoTime() - t0;
            handlerStore[i] = DynamoCallCounter.nanos("UpdateItem") - storeBefore;
            bare[i] = baseline.timed();
            bareOnOrder[i] = orderShaped.timed();
            assertEquals(200, response.statusCode(), response.body());
        }
        double handlerMedian = BareUpdate.medianMillis(handler);
        double bareMedian = BareUpdate.medianMillis(bare);
        double storeMedian = BareUpdate.medianMillis(handlerStore);
        double orderMedian = BareUpdate.medianMillis(bareOnOrder);
        LOG.warnf("""
                BENCHMARK callback: %d callbacks, handler median %.3f ms, bare conditional UpdateItem median %.3f ms, \
                ratio %.2f
                  where the handler's time goes (medians): its UpdateItem %.3f ms, the rest %.3f ms; the bare \
                UpdateItem on a copy of an order's item (in the indexes an order is in) %.3f ms: handler / that %.2f, \
                its UpdateItem / that %.2f""",
                events.size(), handlerMedian, bareMedian, handlerMedian / bareMedian, storeMedian,
                handlerMedian - storeMedian, orderMedian, handlerMedian / orderMedian, storeMedian / orderMedian);
    }

    static final String RECONCILE_EVENT = """
            {"version": "0", "id": "bench", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-25T12:00:00Z", "region": "eu-north-1", "resources": [],
             "detail": {}}""";

    private List<Reference> startOrders(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reference>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(pool.submit(() -> AuthorizedOrders.startedForSetup(checkout, Flow.CHECKOUT)));
            }
            List<Reference> references = new ArrayList<>();
            for (Future<Reference> f : started) {
                references.add(f.get());
            }
            return references;
        } finally {
            pool.shutdownNow();
        }
    }
}

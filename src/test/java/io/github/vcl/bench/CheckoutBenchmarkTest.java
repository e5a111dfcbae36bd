package io.github.vcl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.function.CallbackFunction;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.order.Reference;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.DynamoCallCounter;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmarks of issue 4, printed as ratios measured in one run (not timed assertions):
 * <ul>
 *   <li><b>reconcile</b>: 5,000 pending orders in dynalite and the simulator with mixed outcomes; one reconcile
 *   invocation through the Lambda event path; orders/second, Vipps calls per order, DynamoDB writes per changed and
 *   unchanged order;</li>
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
    private static final int CALLBACKS = Integer.getInteger("bench.callbacks", 500);

    @Inject
    CheckoutService checkout;
    @Inject
    CallbackFunction callbackFunction;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void reconcile() throws Exception {
        // Leave nothing from other tests in the index (authorized orders owe their payment-history filing).
        world().lambda().invoke("reconcile", RECONCILE_EVENT);
        world().lambda().invoke("reconcile", RECONCILE_EVENT);
        world().simulator().faults().callbacks().dropNext(Integer.MAX_VALUE);
        List<Reference> references = startOrders(ORDERS);
        int approved = 0;
        int rejected = 0;
        int abandoned = 0;
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i).value();
            switch (i % 4) {
                case 0 -> { world().simulator().customer().approve(reference); approved++; }
                case 1 -> { world().simulator().customer().reject(reference); rejected++; }
                case 2 -> { world().simulator().customer().abandon(reference); abandoned++; }
                default -> { } // still open: unchanged
            }
        }
        int requestsBefore = world().simulator().requests().size();
        DynamoCallCounter.reset();

        long start = System.nanoTime();
        JsonNode summary = JSON.readTree(world().lambda().invoke("reconcile", RECONCILE_EVENT));
        double seconds = (System.nanoTime() - start) / 1e9;

        List<RecordedRequest> vippsCalls = world().simulator().requests().subList(requestsBefore,
                world().simulator().requests().size());
        long paymentGets = vippsCalls.stream()
                .filter(r -> r.method().equals("GET") && r.path().startsWith("/epayment/v1/payments/")).count();
        long tokenCalls = vippsCalls.stream().filter(r -> r.path().equals("/accesstoken/get")).count();
        int examined = summary.get("examined").asInt();
        int changed = summary.get("changed").asInt();
        int unchanged = summary.get("unchanged").asInt();
        long updates = DynamoCallCounter.count("UpdateItem");
        long otherWrites = DynamoCallCounter.count("PutItem") + DynamoCallCounter.count("DeleteItem");
        LOG.warnf("""
                        BENCHMARK reconcile: %d orders (%d approved, %d rejected, %d abandoned, %d open), %d examined, \
                        %d changed, %d unchanged, %d failed, complete=%s
                          time %.2f s -> %.0f orders/s
                          Vipps calls per order: %.3f (ePayment GETs %d, token calls %d per run, %d calls in all)
                          DynamoDB writes: UpdateItem per changed order %.3f, per unchanged order %.3f \
                        (UpdateItem %d; bookmark Put/Delete %d per run)""",
                references.size(), approved, rejected, abandoned, references.size() - approved - rejected - abandoned,
                examined, changed, unchanged, summary.get("failed").asInt(), summary.get("complete").asBoolean(),
                seconds, examined / seconds, (double) paymentGets / examined, paymentGets, tokenCalls,
                vippsCalls.size(), (double) updates / changed, (double) (updates - changed) / Math.max(1, unchanged),
                updates, otherWrites);
        assertEquals(references.size(), examined, summary.toString());
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
        String table = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("vcl.orders-table", String.class);
        BareUpdate baseline = new BareUpdate(dynamo, table, 50);
        long[] handler = new long[events.size()];
        long[] bare = new long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            long t0 = System.nanoTime();
            HttpApiResponse response = callbackFunction.callback(events.get(i));
            handler[i] = System.nanoTime() - t0;
            bare[i] = baseline.timed();
            assertEquals(200, response.statusCode(), response.body());
        }
        double handlerMedian = BareUpdate.medianMillis(handler);
        double bareMedian = BareUpdate.medianMillis(bare);
        LOG.warnf("BENCHMARK callback: %d callbacks, handler median %.3f ms, bare conditional UpdateItem median "
                + "%.3f ms, ratio %.2f", events.size(), handlerMedian, bareMedian, handlerMedian / bareMedian);
    }

    static final String RECONCILE_EVENT = """
            {"version": "0", "id": "bench", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-25T12:00:00Z", "region": "eu-north-1", "resources": [],
             "detail": {}}""";

    private List<Reference> startOrders(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reference>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(pool.submit(() -> checkout.initiate(Carts.request(Carts.newShopOrderId())).reference()));
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

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.config.BackendConfig;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.SessionState;
import io.github.vcl.order.Source;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderTable;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.testing.LegacyIndexKey;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconciler, invoked with an EventBridge scheduled event through the Lambda event path. */
@QuarkusTest
@TestProfile(FunctionProfile.Reconcile.class)
class ReconcileFunctionTest extends FunctionTest {
    static final String SCHEDULED_EVENT = """
            {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
             "source": "aws.events", "account": "123456789012", "time": "2026-11-25T12:00:00Z",
             "region": "eu-north-1", "resources": ["arn:aws:events:eu-north-1:123456789012:rule/vcl-reconcile"],
             "detail": {}}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CheckoutService checkout;
    @Inject
    OrderStore store;
    @Inject
    EPaymentClient epayment;
    @Inject
    ReconcileShards shards;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    BackendConfig config;

    static JsonNode reconcile() throws Exception {
        return JSON.readTree(world().lambda().invoke("reconcile", SCHEDULED_EVENT));
    }

    private Reference start() {
        return checkout.initiate(Carts.request(Carts.newShopOrderId())).reference();
    }

    @Test
    void aLostCallbackIsMadeUpByReconcile() throws Exception {
        Reference reference = start();
        world().simulator().faults().callbacks().dropNext(1);
        world().simulator().customer().approve(reference.value());
        JsonNode summary = reconcile();
        assertEquals(true, summary.get("complete").asBoolean(), summary.toString());
        Order order = store.find(reference).orElseThrow();
        assertEquals(PaymentState.AUTHORIZED, order.paymentState());
        HistoryEntry authorized = order.history().stream()
                .filter(e -> e.event() == HistoryEvent.PAYMENT_AUTHORIZED).findFirst().orElseThrow();
        assertEquals(Source.RECONCILER, authorized.source());
        assertEquals(HistoryEvent.PAYMENT_AUTHORIZED, order.history().get(order.history().size() - 1).event());
        reconcile();
        order = store.find(reference).orElseThrow();
        assertEquals(HistoryEvent.PAYMENT_HISTORY_FILED, order.history().get(order.history().size() - 1).event());
        assertFalse(order.needsAttention(), "only followed now, at a slower cadence");
    }

    @Test
    void oneFailingOrderDoesNotStopTheBatch() throws Exception {
        world().simulator().faults().callbacks().dropNext(3);
        Reference first = start();
        Reference failing = start();
        Reference last = start();
        for (Reference reference : List.of(first, failing, last)) {
            world().simulator().customer().approve(reference.value());
        }
        world().simulator().faults().on(Operation.GET_PAYMENT).forReference(failing.value()).respond(400).times(1);
        JsonNode summary = reconcile();
        assertEquals(1, summary.get("failed").asInt(), summary.toString());
        assertEquals(true, summary.get("complete").asBoolean());
        assertEquals(PaymentState.AUTHORIZED, store.find(first).orElseThrow().paymentState());
        assertEquals(PaymentState.AUTHORIZED, store.find(last).orElseThrow().paymentState());
        assertEquals(PaymentState.CREATED, store.find(failing).orElseThrow().paymentState());
        reconcile();
        assertEquals(PaymentState.AUTHORIZED, store.find(failing).orElseThrow().paymentState(), "next run catches up");
    }

    /**
     * Orders under several shards and under the key of the unsharded index are all reconciled in one run: each read
     * from Vipps exactly once, the unchanged ones not written at all (their items stay as they were, the legacy key
     * included), the changed one moved under its shard with its write.
     */
    @Test
    void everyShardAndTheLegacyKeyAreReconciledInOneRunWithOneReadPerOrder() throws Exception {
        List<Reference> open = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            open.add(start());
        }
        assertTrue(open.stream().map(shards::keyOf).distinct().count() > 1, "spread over the shards");
        Reference legacyOpen = start();
        Reference legacyApproved = start();
        LegacyIndexKey.put(dynamo, config.ordersTable(), legacyOpen);
        LegacyIndexKey.put(dynamo, config.ordersTable(), legacyApproved);
        open.add(legacyOpen);
        world().simulator().faults().callbacks().dropNext(1);
        world().simulator().customer().approve(legacyApproved.value());
        Map<Reference, Map<String, AttributeValue>> before = new HashMap<>();
        open.forEach(reference -> before.put(reference, item(reference)));
        Map<Reference, Long> readsBefore = new HashMap<>();
        before.keySet().forEach(reference -> readsBefore.put(reference, paymentReads(reference)));
        readsBefore.put(legacyApproved, paymentReads(legacyApproved));

        JsonNode summary = reconcile();

        assertEquals(true, summary.get("complete").asBoolean(), summary.toString());
        readsBefore.forEach((reference, reads) -> assertEquals(reads + 1, paymentReads(reference),
                "one ePayment GET for " + reference));
        before.forEach((reference, item) -> assertEquals(item, item(reference), "not written: " + reference));
        assertEquals(ReconcileShards.LEGACY_KEY, item(legacyOpen).get(OrderTable.RECONCILE_KEY).s());
        assertEquals(PaymentState.AUTHORIZED, store.find(legacyApproved).orElseThrow().paymentState());
        assertEquals(shards.keyOf(legacyApproved), item(legacyApproved).get(OrderTable.RECONCILE_KEY).s(),
                "moved under its shard with its write");
    }

    private Map<String, AttributeValue> item(Reference reference) {
        return dynamo.getItem(b -> b.tableName(config.ordersTable()).consistentRead(true)
                .key(Map.of(OrderTable.REFERENCE, AttributeValue.fromS(reference.value())))).item();
    }

    @Test
    void anAbandonedSessionEndsExpired() throws Exception {
        Reference reference = start();
        world().simulator().customer().abandon(reference.value());
        reconcile();
        Order order = store.find(reference).orElseThrow();
        assertEquals(PaymentState.EXPIRED, order.paymentState());
        assertFalse(order.needsReconciliation());
        JsonNode again = reconcile();
        assertEquals(0, again.get("changed").asInt(), again.toString());
    }

    /**
     * The finding: after authorization an order was never read from Vipps again, so a capture or refund made in the
     * Vipps portal never reached our totals or the actions offered to staff.
     */
    @Test
    void aCaptureMadeInTheVippsPortalReachesOurTotals() throws Exception {
        Reference reference = start();
        world().simulator().customer().approve(reference.value());
        reconcile(); // the authorization (if the callback was slower)
        reconcile(); // the payment history
        epayment.capture(reference.value(), Amount.nok(20000), IdempotencyKey.of("portal-" + UUID.randomUUID()));
        reconcile();
        Order order = store.find(reference).orElseThrow();
        assertEquals(20000, order.aggregate().captured().minor());
        assertEquals(Source.RECONCILER, order.history().get(order.history().size() - 1).source());
        assertTrue(order.reservationOpen(), "30000 still reserved: still followed");
    }

    /** An open reservation is followed less and less often: right after an unchanged look, not again at once. */
    @Test
    void anOpenReservationIsNotAskedAboutEveryRun() throws Exception {
        Reference reference = start();
        world().simulator().customer().approve(reference.value());
        reconcile();
        reconcile();
        reconcile(); // an unchanged look: the next one is a minute or more away
        long reads = paymentReads(reference);
        reconcile();
        assertEquals(reads, paymentReads(reference), "not due yet");
        assertTrue(store.find(reference).orElseThrow().needsReconciliation(), "still in the index");
    }

    /**
     * One payment per shop order: should a superseded attempt be authorized after all (the customer paid the old
     * session), the reconciler cancels its reservation; staff see why in its history.
     */
    @Test
    void aSupersededAttemptThatGetsAuthorizedIsCancelled() throws Exception {
        Reference old = start();
        world().simulator().customer().approve(old.value());
        reconcile();
        Order authorized = store.find(old).orElseThrow();
        store.apply(authorized.supersede(old.nextAttempt(), Source.STOREFRONT, Instant.now()));
        reconcile();
        Order cancelled = store.find(old).orElseThrow();
        assertEquals(50000, cancelled.aggregate().cancelled().minor(), "released at Vipps");
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals("reconciler", cancelled.operations().get(0).requestedBy());
        assertTrue(cancelled.operations().get(0).reason().contains("superseded by " + old.nextAttempt()));
        assertEquals(50000, epayment.getPayment(old.value()).aggregate().cancelledAmount().value());
    }

    private static long paymentReads(Reference reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/epayment/v1/payments/" + reference))
                .count();
    }

    @Test
    void anOpenSessionStaysPendingWithoutWrites() throws Exception {
        Reference reference = start();
        Order before = store.find(reference).orElseThrow();
        reconcile();
        Order after = store.find(reference).orElseThrow();
        assertEquals(before.version(), after.version());
        assertEquals(SessionState.CREATED, after.sessionState());
    }
}

package io.github.vcl.store;

import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.order.Aggregate;
import io.github.vcl.order.Currency;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.PaymentDescription;
import io.github.vcl.order.PaymentObservation;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.ReferenceGenerator;
import io.github.vcl.order.Source;
import io.github.vcl.order.Transition;
import io.github.vcl.order.VippsError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's behaviour on a real DynamoDB-API server; subclasses say which. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final PaymentSession SESSION = PaymentSession.pending(io.github.vcl.order.Flow.CHECKOUT, "n0nce", "cb-hash", "ret-hash");

    private DynamoDbClient dynamo;
    private String table;
    private OrderStore store;
    private final ReferenceGenerator references = new ReferenceGenerator("test");

    abstract URI endpoint();

    @BeforeAll
    void createTable() {
        dynamo = OrderTableSetup.client(endpoint());
        table = "orders-" + UUID.randomUUID();
        OrderTableSetup.create(dynamo, table);
        store = new OrderStore(dynamo, table);
    }

    @AfterAll
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
    }

    private Order newOrder(Instant at) {
        NewOrder cart = new NewOrder("shop-" + UUID.randomUUID(), Currency.NOK, List.of(
                new OrderLine("sku-1", "Kaffe «Ørken»", 2, Money.of(25000, Currency.NOK), 1500, false),
                new OrderLine("ship", "Frakt", 1, Money.of(5000, Currency.NOK), 2500, true)),
                new PaymentDescription("Ordre hos Acme"));
        return Order.create(cart, references.firstAttempt(), SESSION, Source.STOREFRONT, at);
    }

    private static PaymentObservation authorized(long authorized, long captured, Instant at) {
        Money zero = Money.zero(Currency.NOK);
        return new PaymentObservation(PaymentState.AUTHORIZED, new Aggregate(Money.of(authorized, Currency.NOK),
                Money.of(captured, Currency.NOK), zero, zero), "psp-" + captured, Source.POLL, at, true);
    }

    @Test
    void roundTripKeepsEverything() {
        Order created = store.create(newOrder(T0));
        assertEquals(1, created.version());
        assertEquals(created, store.find(created.reference()).orElseThrow());

        Transition session = created.sessionCreated("https://checkout.example/s/1", "jwt", Source.STOREFRONT,
                T0.plusSeconds(1));
        Order v2 = store.apply(session);
        Transition authorize = v2.observePayment(authorized(55000, 0, T0.plusSeconds(30)));
        Order v3 = store.apply(authorize);
        Transition capture = v3.requestOperation(OperationType.CAPTURE, Optional.empty(), "staff-7", "shipped",
                Optional.empty(), T0.plusSeconds(60));
        Order v4 = store.apply(capture);
        String key = v4.pendingOperation().orElseThrow().idempotencyKey();
        Order v5 = store.apply(v4.failOperation(key, new VippsError(409, "6090", "trace-abc", "Too much", T0),
                Source.STAFF, T0.plusSeconds(61)));

        Order read = store.find(created.reference()).orElseThrow();
        assertEquals(v5, read);
        assertEquals(5, read.version());
        assertEquals(5, read.history().size());
        assertEquals("trace-abc", read.lastError().traceId());
        assertEquals("psp-0", read.pspReference());
    }

    /** The one-call callback path writes exactly what read-decide-write would, and only onto an awaiting order. */
    @Test
    void awaitingPaymentWriteEqualsTheUsualPath() {
        Order fast = store.apply(store.create(newOrder(T0)).sessionCreated("u", "t", Source.STOREFRONT, T0));
        Order usual = store.apply(store.create(newOrder(T0)).sessionCreated("u", "t", Source.STOREFRONT, T0));
        Instant at = T0.plusSeconds(90);
        java.util.function.Function<Order, Transition> callback = o -> o.sessionCompleted(Source.CALLBACK, at)
                .andThen(x -> x.observePayment(authorized(55000, 0, at)));

        Order presumed = Order.awaitingPayment(fast.reference(), fast.amount());
        assertFalse(store.applyToAwaitingPayment(presumed, callback.apply(presumed), Optional.of("wrong-hash")));
        assertEquals(fast, store.find(fast.reference()).orElseThrow());
        assertTrue(store.applyToAwaitingPayment(presumed, callback.apply(presumed), Optional.of("cb-hash")));
        assertFalse(store.applyToAwaitingPayment(presumed, callback.apply(presumed), Optional.of("cb-hash")), "only once");
        Order unknown = Order.awaitingPayment(Reference.of("nobody-has-this-2"), fast.amount());
        assertFalse(store.applyToAwaitingPayment(unknown, callback.apply(unknown), Optional.of("cb-hash")));
        assertFalse(store.applyToAwaitingPayment(unknown, callback.apply(unknown), Optional.empty()),
                "without a token (a signed webhook) an unknown reference still writes nothing");

        Order viaFastPath = store.find(fast.reference()).orElseThrow();
        Order viaUsualPath = store.apply(callback.apply(usual));
        assertEquals(viaUsualPath.version(), viaFastPath.version());
        assertEquals(viaUsualPath.sessionState(), viaFastPath.sessionState());
        assertEquals(viaUsualPath.paymentState(), viaFastPath.paymentState());
        assertEquals(viaUsualPath.aggregate(), viaFastPath.aggregate());
        assertEquals(viaUsualPath.pspReference(), viaFastPath.pspReference());
        assertEquals(viaUsualPath.status(), viaFastPath.status());
        assertEquals(viaUsualPath.updatedAt(), viaFastPath.updatedAt());
        assertEquals(viaUsualPath.history().subList(1, 4), viaFastPath.history().subList(1, 4));
        assertEquals(fast.session(), viaFastPath.session());
        assertEquals(fast.lines(), viaFastPath.lines());
        assertEquals(viaUsualPath.needsReconciliation(), store.needingReconciliation(T0.plusSeconds(3600), 1000,
                null).items().stream().anyMatch(o -> o.order().reference().equals(fast.reference())),
                "in the reconciliation index exactly when the usual path puts it there (payment history to file)");
    }

    @Test
    void unknownReferenceIsEmpty() {
        assertTrue(store.find(Reference.of("nobody-has-this-1")).isEmpty());
    }

    @Test
    void createRefusesAnExistingReference() {
        Order created = store.create(newOrder(T0));
        Order other = Order.create(new NewOrder("other", Currency.NOK, created.lines(), created.description()),
                created.reference(), SESSION, Source.STOREFRONT, T0.plusSeconds(5));
        assertThrows(ReferenceTakenException.class, () -> store.create(other));
        assertEquals(created, store.find(created.reference()).orElseThrow());
    }

    @Test
    void aStaleVersionWritesNothing() {
        Order created = store.create(newOrder(T0));
        store.apply(created.sessionCreated("https://checkout.example/s/1", "jwt", Source.STOREFRONT, T0));
        Transition stale = created.sessionFailed(new VippsError(500, null, "t", "down", T0), Source.STOREFRONT, T0);
        assertThrows(VersionConflictException.class, () -> store.apply(stale));
        Order read = store.find(created.reference()).orElseThrow();
        assertEquals(2, read.version());
        assertEquals(2, read.history().size());
        assertNull(read.lastError());
    }

    @Test
    void onlyAppliedTransitionsAreWritten() {
        Order created = store.create(newOrder(T0));
        Transition rejected = created.requestOperation(OperationType.REFUND, Optional.empty(), "s", null, Optional.empty(), T0);
        assertThrows(IllegalArgumentException.class, () -> store.apply(rejected));
        assertEquals(1, store.find(created.reference()).orElseThrow().version());
    }

    /** 8 writers hold the same version each round: exactly one wins, and no winner's history entry is lost. */
    @Test
    void concurrentWritersOneWinnerPerVersion() throws Exception {
        int writers = 8;
        int rounds = 40;
        Order order = store.create(newOrder(T0));
        order = store.apply(order.observePayment(authorized(10_000_000, 0, T0)));
        List<HistoryEntry> expectedHistory = new ArrayList<>(order.history());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CyclicBarrier start = new CyclicBarrier(writers);
            for (int round = 0; round < rounds; round++) {
                Order base = order;
                List<Future<Transition>> attempts = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    long captured = base.aggregate().captured().minor() + w + 1;
                    Instant at = T0.plusSeconds(round * 10L + w);
                    attempts.add(pool.submit(() -> {
                        Transition mine = base.observePayment(authorized(10_000_000, captured, at));
                        start.await();
                        try {
                            store.apply(mine);
                            return mine;
                        } catch (VersionConflictException lost) {
                            return null;
                        }
                    }));
                }
                List<Transition> winners = new ArrayList<>();
                for (Future<Transition> attempt : attempts) {
                    Transition won = attempt.get();
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertEquals(1, winners.size(), "round " + round + " winners");
                expectedHistory.addAll(winners.get(0).added());
                order = store.find(base.reference()).orElseThrow();
                assertEquals(base.version() + 1, order.version());
                assertEquals(winners.get(0).order().aggregate(), order.aggregate());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2 + rounds, order.version());
        assertEquals(expectedHistory, order.history());
    }

    @Test
    void reconciliationIndexPagesThroughPendingOrdersOnly() {
        Instant base = Instant.parse("2020-01-01T00:00:00Z"); // older than anything the other tests write
        Set<Reference> pending = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            Order created = store.create(newOrder(base.plusSeconds(i)));
            pending.add(created.reference());
        }
        Set<Reference> finished = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Order created = store.create(newOrder(base.plusSeconds(100 + i)));
            Order paid = store.apply(created.observePayment(authorized(55000, 55000, base.plusSeconds(100 + i))));
            store.apply(paid.paymentHistoryFiled("order-details link", Source.RECONCILER, base.plusSeconds(100 + i)));
            finished.add(created.reference());
        }
        Order later = store.create(newOrder(base.plusSeconds(3600)));

        Instant dueBy = base.plusSeconds(1000);
        List<Reference> seen = new ArrayList<>();
        List<Order> seenOrders = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<PendingOrder> page = store.needingReconciliation(dueBy, 10, cursor);
            page.items().forEach(o -> seenOrders.add(o.order()));
            page.items().forEach(o -> seen.add(o.order().reference()));
            pageSizes.add(page.items().size());
            cursor = page.cursor();
        } while (cursor != null);

        assertTrue(pageSizes.size() >= 3, "pages " + pageSizes);
        assertEquals(25, seen.size());
        assertEquals(pending, new HashSet<>(seen));
        assertFalse(seen.stream().anyMatch(finished::contains));
        assertFalse(seen.contains(later.reference()));

        assertEquals(store.find(seen.get(0)).orElseThrow(), seenOrders.get(0), "whole orders come from the index");
        Reference first = seen.get(0);
        Order settled = store.find(first).orElseThrow();
        Order paid = store.apply(settled.observePayment(authorized(55000, 0, base.plusSeconds(1))));
        Order filed = store.apply(paid.paymentHistoryFiled("order-details link", Source.RECONCILER,
                base.plusSeconds(1)));
        assertTrue(indexed(dueBy, first), "an open reservation stays followed");
        assertTrue(store.reschedule(filed, Optional.of(dueBy.plusSeconds(60))));
        assertFalse(indexed(dueBy, first), "followed again only when its next look is due");
        assertTrue(indexed(dueBy.plusSeconds(60), first));
        assertFalse(store.reschedule(paid, Optional.of(dueBy.plusSeconds(120))), "not over a newer version");

        store.apply(filed.observePayment(authorized(55000, 55000, base.plusSeconds(2))));
        Page<PendingOrder> afterSettling = store.needingReconciliation(dueBy, 100, null);
        assertEquals(24, afterSettling.items().size(), "fully captured: nothing left to follow");
        assertFalse(afterSettling.items().stream().anyMatch(o -> o.order().reference().equals(first)));
    }

    private boolean indexed(Instant dueBy, Reference reference) {
        return store.needingReconciliation(dueBy, 1000, null).items().stream()
                .anyMatch(o -> o.order().reference().equals(reference));
    }

    @Test
    void badInputStoresNothing() {
        String shopOrderId = "bad-" + UUID.randomUUID();
        List<Runnable> badInputs = List.of(
                () -> Money.parse("lines[0].unitPrice", "-100", "NOK"),
                () -> Money.parse("lines[0].unitPrice", "99.5", "NOK"),
                () -> Money.parse("lines[0].unitPrice", "100", "SEK"),
                () -> Reference.of("bad ref!"),
                () -> new OrderLine("sku", "x", 1, Money.of(-1, Currency.NOK), 0, false));
        for (Runnable input : badInputs) {
            assertThrows(InvalidOrderException.class, () -> {
                input.run();
                store.create(newOrder(T0));
            });
        }
        long stored = dynamo.query(b -> b.tableName(table).indexName(OrderTable.SHOP_ORDER_INDEX)
                .keyConditionExpression("shopOrderId = :s")
                .expressionAttributeValues(java.util.Map.of(":s",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(shopOrderId)))).count();
        assertEquals(0, stored);
    }
}

package io.github.vcl.reconcile;

import io.github.vcl.local.simulator.AdjustableClock;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.Reference;
import io.github.vcl.order.ReferenceGenerator;
import io.github.vcl.order.Source;
import io.github.vcl.reconcile.ReconcileService.Result;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.store.ReconcilerBookmark;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.LegacyIndexKey;
import io.github.vcl.testing.ScratchTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconciler's pass over the sharded index, against dynalite, with a stand-in for the reconciliation of one order
 * (no Vipps): every key read, legacy key included; a run cut short by its deadline resumes every shard where it
 * stopped; shards of a lowered count read until they have stayed empty; a run whose bookmark another run saved stops.
 */
class IndexSweepTest {
    private static final ReconcileShards FOUR = new ReconcileShards(4);
    private static final PaymentSession SESSION = PaymentSession.pending(Flow.CHECKOUT, "n", "cb", "ret");

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final ReferenceGenerator references = new ReferenceGenerator("sweep");
    private ScratchTable table;
    private ReconcilerBookmark bookmark;

    @BeforeEach
    void createTable() {
        table = new ScratchTable("sweep");
        bookmark = new ReconcilerBookmark(table.dynamo(), table.name());
    }

    @AfterEach
    void dropTable() {
        table.close();
    }

    @Test
    void everyKeyIsReadTheLegacyKeyToo() {
        OrderStore store = store(FOUR);
        Set<Reference> pending = new HashSet<>(create(store, 30));
        Set<Reference> legacy = new HashSet<>(create(store, 5));
        legacy.forEach(reference -> LegacyIndexKey.put(table.dynamo(), table.name(), reference));
        pending.addAll(legacy);

        Visits visits = new Visits();
        IndexSweep.Outcome outcome = sweep(store, FOUR, 4, 3).run(clock.instant().plusSeconds(60), visits);

        assertTrue(outcome.complete());
        assertEquals(pending, visits.once(), "each order exactly once");
        assertEquals(35, outcome.counts().get(Result.UNCHANGED));
        assertEquals(Map.of(), bookmark.load(FOUR).cursors(), "read to the end: the next run starts over");
    }

    /**
     * One order takes a second of the run's 10: a run does about 10 orders, taken from the keys in turn, and each run
     * resumes every shard right after its last order, so all are visited once within the runs needed.
     */
    @Test
    void aRunCutShortResumesEveryShardWhereItStopped() {
        OrderStore store = store(FOUR);
        Set<Reference> pending = new HashSet<>(create(store, 60));
        Visits visits = new Visits(order -> clock.advance(Duration.ofSeconds(1)));

        List<Integer> perRun = new ArrayList<>();
        IndexSweep.Outcome outcome;
        do {
            int before = visits.total();
            outcome = sweep(store, FOUR, 2, 3).run(clock.instant().plusSeconds(10), visits);
            perRun.add(visits.total() - before);
            if (perRun.size() == 1) {
                ReconcilerBookmark.Position first = bookmark.load(FOUR);
                assertEquals(Set.of("PENDING#0", "PENDING#1", "PENDING#2", "PENDING#3"), first.cursors().keySet(),
                        "every shard moved on in the first run");
                assertEquals(Set.of("PENDING"), first.readOut(), "the empty legacy key waits for the next pass");
            }
        } while (!outcome.complete() && perRun.size() < 12);

        assertTrue(outcome.complete(), "runs: " + perRun);
        assertTrue(perRun.size() >= 4, "cut short: " + perRun);
        assertEquals(pending, visits.once(), "every order once, none twice: " + visits);
    }

    @Test
    void shardsOfALoweredCountAreReadUntilTheyHaveStayedEmpty() {
        ReconcileShards eight = new ReconcileShards(8);
        OrderStore before = store(eight);
        List<Reference> created = create(before, 40);
        assertTrue(sweep(before, eight, 4, 10).run(clock.instant().plusSeconds(60), new Visits()).complete());

        OrderStore after = store(FOUR);
        assertTrue(created.stream().anyMatch(r -> shard(eight, r) >= 4));
        Visits visits = new Visits();
        assertTrue(sweep(after, FOUR, 4, 10).run(clock.instant().plusSeconds(60), visits).complete());
        assertEquals(new HashSet<>(created), visits.once(), "shards 4 to 7 are still read");
        assertEquals(Optional.empty(), bookmark.load(FOUR).emptySince(), "they still hold orders");

        Visits finishing = new Visits(order -> after.reschedule(order, Optional.empty()));
        sweep(after, FOUR, 4, 10).run(clock.instant().plusSeconds(60), finishing);
        Instant foundEmpty = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        assertEquals(Optional.of(foundEmpty), bookmark.load(FOUR).emptySince());

        clock.advance(IndexSweep.RETIRE_AFTER.minusMinutes(5));
        Reference straggler = createIn(before, eight, 6);
        Visits late = new Visits();
        sweep(after, FOUR, 4, 10).run(clock.instant().plusSeconds(60), late);
        assertEquals(Set.of(straggler), late.once(), "written by a function still running with 8 shards");
        assertEquals(Optional.empty(), bookmark.load(FOUR).emptySince(), "not empty after all");

        after.reschedule(after.find(straggler).orElseThrow(), Optional.empty());
        sweep(after, FOUR, 4, 10).run(clock.instant().plusSeconds(60), new Visits());
        clock.advance(IndexSweep.RETIRE_AFTER.minusSeconds(1));
        sweep(after, FOUR, 4, 10).run(clock.instant().plusSeconds(60), new Visits());
        assertEquals(8, bookmark.load(FOUR).shards(), "empty, but not for long enough yet");
        clock.advance(Duration.ofSeconds(1));
        sweep(after, FOUR, 4, 10).run(clock.instant().plusSeconds(60), new Visits());
        assertEquals(4, bookmark.load(FOUR).shards(), "retired: shards 4 to 7 are no longer read");
    }

    @Test
    void aRunStopsWhenAnotherRunSavedTheBookmark() {
        OrderStore store = store(FOUR);
        create(store, 20);
        AtomicBoolean anotherRun = new AtomicBoolean(true);
        Visits visits = new Visits(order -> {
            if (anotherRun.getAndSet(false)) {
                bookmark.save(bookmark.load(FOUR));
            }
        });
        IndexSweep.Outcome outcome = sweep(store, FOUR, 1, 2).run(clock.instant().plusSeconds(60), visits);
        assertFalse(outcome.complete());
        assertTrue(visits.total() < 20, "stopped at its next save: " + visits.total());
    }

    /** The stand-in for reconciling one order: records the visit, does {@code action}, changes nothing. */
    private static final class Visits implements Function<Order, Result> {
        private final Map<Reference, Integer> count = new ConcurrentHashMap<>();
        private final Consumer<Order> action;

        Visits() {
            this(order -> { });
        }

        Visits(Consumer<Order> action) {
            this.action = action;
        }

        @Override
        public Result apply(Order order) {
            count.merge(order.reference(), 1, Integer::sum);
            action.accept(order);
            return Result.UNCHANGED;
        }

        int total() {
            return count.values().stream().mapToInt(Integer::intValue).sum();
        }

        Set<Reference> once() {
            Map<Reference, Integer> repeated = new HashMap<>(count);
            repeated.values().removeIf(n -> n == 1);
            assertEquals(Map.of(), repeated, "visited more than once");
            return count.keySet();
        }

        @Override
        public String toString() {
            return count.toString();
        }
    }

    private IndexSweep sweep(OrderStore store, ReconcileShards shards, int concurrency, int pageSize) {
        return new IndexSweep(store, bookmark, shards, new ReconcileService.Settings(concurrency, pageSize,
                Duration.ofSeconds(1), Duration.ofSeconds(45), new FollowUpCadence(Duration.ofHours(1),
                Optional.empty()), Duration.ofHours(1)), clock);
    }

    private OrderStore store(ReconcileShards shards) {
        return new OrderStore(table.dynamo(), table.name(), shards);
    }

    private List<Reference> create(OrderStore store, int count) {
        List<Reference> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(create(store, references.firstAttempt()));
        }
        return created;
    }

    /** A new order in shard {@code shard} of {@code shards}. */
    private Reference createIn(OrderStore store, ReconcileShards shards, int shard) {
        Reference reference = references.firstAttempt();
        while (shard(shards, reference) != shard) {
            reference = references.firstAttempt();
        }
        return create(store, reference);
    }

    private Reference create(OrderStore store, Reference reference) {
        Instant at = clock.instant().minusSeconds(60);
        return store.create(Order.create(Carts.request(Carts.newShopOrderId()).order(), reference, SESSION,
                Source.STOREFRONT, at)).reference();
    }

    private static int shard(ReconcileShards shards, Reference reference) {
        String key = shards.keyOf(reference);
        return Integer.parseInt(key.substring(key.indexOf('#') + 1));
    }
}

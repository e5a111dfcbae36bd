package io.github.vcl.reconcile;

import io.github.vcl.order.Order;
import io.github.vcl.reconcile.ReconcileService.Result;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.PendingOrder;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.store.ReconcilerBookmark.Position;
import io.github.vcl.store.ReconcilerBookmark;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One run's part of a pass over the reconciliation index: every key it reads (the shards and the legacy key) at once —
 * orders are taken from the keys in turn, so a run cut short has moved every key on — with at most {@code concurrency}
 * orders in flight, and each key's next page read while its current one is worked on. An order is started only while
 * its Vipps calls still fit before the deadline. The bookmark is saved every page's worth of finished orders and where
 * the run stops: each key at the last order before which all are done, or read out. A pass visits every due order
 * once: a key read out waits for the others, and the run that reads out the last one completes the pass (the next
 * starts every key over). Then the shards of a former, higher {@code vcl.reconcile.shards} are no longer read once
 * they have stayed empty for {@link #RETIRE_AFTER}.
 */
final class IndexSweep {
    private static final Logger LOG = Logger.getLogger(IndexSweep.class);
    /**
     * How long the shards above a lowered count must stay empty before they are no longer read: longer than any
     * Lambda invocation (15 minutes at most), so no function still running with the former count can write to one.
     */
    static final Duration RETIRE_AFTER = Duration.ofMinutes(20);
    private static final int QUERY_THREADS = 4;
    private static final Duration PAGE_WAIT = Duration.ofSeconds(2);

    private final OrderStore store;
    private final ReconcilerBookmark bookmark;
    private final ReconcileShards shards;
    private final ReconcileService.Settings settings;
    private final Clock clock;
    private final Map<Result, Integer> counts = new EnumMap<>(Result.class);
    private List<KeyReader> readers;
    private Position position;
    private boolean bookmarkLost;

    /** What the run did; {@code complete} when it completed the pass (every key read to its end). */
    record Outcome(Map<Result, Integer> counts, boolean complete) {
    }

    private record Finished(KeyReader.Started order, Result result) {
    }

    IndexSweep(OrderStore store, ReconcilerBookmark bookmark, ReconcileShards shards,
               ReconcileService.Settings settings, Clock clock) {
        this.store = store;
        this.bookmark = bookmark;
        this.shards = shards;
        this.settings = settings;
        this.clock = clock;
    }

    /** Reconciles the due orders, each with {@code reconcileOne}, until they are done or the deadline is near. */
    Outcome run(Instant deadline, Function<Order, Result> reconcileOne) {
        Instant dueBy = clock.instant();
        position = bookmark.load(shards);
        ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency());
        ExecutorService queries = Executors.newFixedThreadPool(QUERY_THREADS);
        try {
            readers = shards.keysToRead(position.shards()).stream()
                    .map(key -> new KeyReader(key, position.cursors().get(key), position.readOut().contains(key),
                            cursor -> store.needingReconciliation(key, dueBy, settings.pageSize(), cursor), queries))
                    .toList();
            reconcileAll(deadline, reconcileOne, new ExecutorCompletionService<>(workers));
            boolean complete = !bookmarkLost && readers.stream().allMatch(KeyReader::readOut);
            if (complete) {
                retireDrainedShards();
            }
            save();
            return new Outcome(Map.copyOf(counts), complete);
        } finally {
            workers.shutdownNow();
            awaitPagesInFlight(queries);
        }
    }

    /** A run that stopped early may have a key's next page in flight: it ends before the run answers. */
    private static void awaitPagesInFlight(ExecutorService queries) {
        queries.shutdown();
        try {
            queries.awaitTermination(PAGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the keys' orders in turn while they fit before the deadline. */
    private void reconcileAll(Instant deadline, Function<Order, Result> reconcileOne,
                                 CompletionService<Finished> running) {
        Deque<KeyReader> turn = new ArrayDeque<>(readers);
        int inFlight = 0;
        int finishedSinceSave = 0;
        try {
            while (!turn.isEmpty() && !bookmarkLost) {
                if (inFlight == settings.concurrency()) {
                    finish(running);
                    inFlight--;
                    if (++finishedSinceSave == settings.pageSize()) {
                        save();
                        finishedSinceSave = 0;
                    }
                }
                if (clock.instant().plus(settings.orderTime()).isAfter(deadline)) {
                    return;
                }
                KeyReader reader = turn.poll();
                Optional<PendingOrder> next = reader.next();
                if (next.isPresent()) {
                    turn.add(reader);
                    KeyReader.Started started = reader.start(next.get());
                    Order order = next.get().order();
                    running.submit(() -> new Finished(started, reconcileOne.apply(order)));
                    inFlight++;
                }
            }
        } finally {
            for (; inFlight > 0; inFlight--) {
                finish(running);
            }
        }
    }

    /** Takes the next finished order; one whose task broke stays undone, so its key resumes before it next run. */
    private void finish(CompletionService<Finished> running) {
        try {
            Finished finished = running.take().get();
            finished.order().done();
            counts.merge(finished.result(), 1, Integer::sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counts.merge(Result.FAILED, 1, Integer::sum);
        } catch (ExecutionException e) {
            counts.merge(Result.FAILED, 1, Integer::sum);
        }
    }

    private void save() {
        if (bookmarkLost) {
            return;
        }
        Map<String, String> cursors = new HashMap<>();
        Set<String> readOut = new HashSet<>();
        if (!readers.stream().allMatch(KeyReader::readOut)) {
            for (KeyReader reader : readers) {
                if (reader.readOut()) {
                    readOut.add(reader.key());
                } else {
                    reader.resumeAt().ifPresent(cursor -> cursors.put(reader.key(), cursor));
                }
            }
        }
        Optional<Position> saved = bookmark.save(position.resumingAt(cursors, readOut));
        if (saved.isEmpty()) {
            LOG.warn("another reconcile run saved the bookmark meanwhile: this run stops");
            bookmarkLost = true;
            return;
        }
        position = saved.get();
    }

    private void retireDrainedShards() {
        List<String> retiring = shards.retiring(position.shards());
        if (retiring.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        if (retiring.stream().anyMatch(store::holdsOrdersUnder)) {
            position = position.withShardsInUse(position.shards(), Optional.empty());
        } else if (position.emptySince().isEmpty()) {
            position = position.withShardsInUse(position.shards(), Optional.of(now));
        } else if (!now.isBefore(position.emptySince().get().plus(RETIRE_AFTER))) {
            LOG.infof("shards %d to %d of the reconciliation index have stayed empty: no longer read", shards.count(),
                    position.shards() - 1);
            position = position.withShardsInUse(shards.count(), Optional.empty());
        }
    }
}

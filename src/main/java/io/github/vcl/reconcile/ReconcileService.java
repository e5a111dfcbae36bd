package io.github.vcl.reconcile;

import io.github.vcl.order.Operation;
import io.github.vcl.order.Order;
import io.github.vcl.order.Source;
import io.github.vcl.payment.OperationSender;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.Page;
import io.github.vcl.store.ReconcilerBookmark;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The safety net under callbacks and the return page: pages through the orders that still need attention, asks
 * Vipps about each (bounded concurrency), applies what changed, finishes operations a crash left in flight with
 * their own Idempotency-Key, files authorized orders in the customer's Vipps payment history, and stops in time
 * before the Lambda deadline, resuming there next run. One order's failure is counted and logged, never fatal to the
 * batch.
 */
public class ReconcileService {
    private static final Logger LOG = Logger.getLogger(ReconcileService.class);
    /** Time kept free before the deadline for the page in progress and the bookmark write. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private final OrderStore store;
    private final ReconcilerBookmark bookmark;
    private final PaymentPoller poller;
    private final OperationSender operations;
    private final PaymentHistoryFiler paymentHistory;
    private final int concurrency;
    private final int pageSize;
    private final Clock clock;

    public ReconcileService(OrderStore store, ReconcilerBookmark bookmark, PaymentPoller poller,
                            OperationSender operations, PaymentHistoryFiler paymentHistory, int concurrency,
                            int pageSize, Clock clock) {
        this.store = store;
        this.bookmark = bookmark;
        this.poller = poller;
        this.operations = operations;
        this.paymentHistory = paymentHistory;
        this.concurrency = concurrency;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    public enum Result { CHANGED, UNCHANGED, FAILED }

    /** What one run did; {@code complete} is false when it stopped for the deadline. */
    public record Summary(int examined, int changed, int unchanged, int failed, boolean complete) {
    }

    /** One run that ends {@code budget} from now at the latest (a Lambda's time less a margin). */
    public Summary runFor(Duration budget) {
        return run(clock.instant().plus(budget));
    }

    public Summary run(Instant deadline) {
        Instant dueBy = clock.instant();
        Optional<String> cursor = bookmark.load();
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            while (true) {
                if (clock.instant().isAfter(deadline.minus(SAFETY_MARGIN))) {
                    bookmark.save(cursor);
                    return summary(counts, false);
                }
                Page<Order> page = store.needingReconciliation(dueBy, pageSize, cursor.orElse(null));
                List<Future<Result>> results = new ArrayList<>();
                for (Order order : page.items()) {
                    results.add(pool.submit(() -> reconcile(order)));
                }
                for (Future<Result> result : results) {
                    counts.merge(await(result), 1, Integer::sum);
                }
                cursor = Optional.ofNullable(page.cursor());
                if (cursor.isEmpty()) {
                    bookmark.save(cursor);
                    return summary(counts, true);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    Result reconcile(Order order) {
        try {
            Optional<Operation> inFlight = order.pendingOperation();
            if (inFlight.isPresent()) {
                operations.send(order, inFlight.get(), Source.RECONCILER);
                return Result.CHANGED;
            }
            if (order.owesPaymentHistory()) {
                // Filed on the run after the one that saw the authorization: one write per order per run.
                paymentHistory.file(order);
                return Result.CHANGED;
            }
            return poller.refresh(order, Source.RECONCILER).transition().applied() ? Result.CHANGED : Result.UNCHANGED;
        } catch (RuntimeException e) {
            LOG.warnf("reconcile of %s failed: %s", order.reference(), e.getMessage());
            return Result.FAILED;
        }
    }

    private static Result await(Future<Result> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.FAILED;
        } catch (ExecutionException e) {
            return Result.FAILED;
        }
    }

    private static Summary summary(Map<Result, Integer> counts, boolean complete) {
        int changed = counts.getOrDefault(Result.CHANGED, 0);
        int unchanged = counts.getOrDefault(Result.UNCHANGED, 0);
        int failed = counts.getOrDefault(Result.FAILED, 0);
        int examined = changed + unchanged + failed;
        LOG.infof("reconcile run: %d examined, %d changed, %d unchanged, %d failed, complete=%s", examined, changed,
                unchanged, failed, complete);
        return new Summary(examined, changed, unchanged, failed, complete);
    }
}

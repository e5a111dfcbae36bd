package io.github.vcl.reconcile;

import io.github.vcl.observe.LogContext;
import io.github.vcl.order.Operation;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Order;
import io.github.vcl.order.Source;
import io.github.vcl.payment.OperationSender;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.store.Page;
import io.github.vcl.store.PendingOrder;
import io.github.vcl.store.ReconcilerBookmark;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.http.CallDeadline;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The safety net under callbacks and the return page, and the follower of every reservation: pages through the orders
 * that still need attention, asks Vipps about each (bounded concurrency) and applies what changed; finishes
 * operations a crash or timeout left in flight, with their own Idempotency-Key, once the call that recorded them has
 * had its time; cancels a superseded attempt that got authorized anyway (one payment per shop order); files
 * authorized orders in the customer's Vipps payment history; and keeps asking about authorized orders whose
 * reservation is open, less and less often, so captures, refunds and cancels made in the Vipps portal reach our
 * totals.
 * <p>
 * A run never overruns: an order is started only while its Vipps calls still fit before the deadline (and each call
 * is bounded by it, {@link CallDeadline}); the bookmark is saved after every page and where the run stops, so the next
 * run resumes right there and the tail of the index is never starved. One order's failure is counted and logged,
 * never fatal to the batch. Each worker logs with the run's fields and its order's reference ({@link LogContext}); the
 * summary says what the run leaves pending ({@link Backlog}).
 */
public class ReconcileService {
    private static final Logger LOG = Logger.getLogger(ReconcileService.class);
    /** Time kept free before the Lambda's timeout for the orders in progress, the bookmark write and the answer. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private final OrderStore store;
    private final OrderUpdater updater;
    private final ReconcilerBookmark bookmark;
    private final PaymentPoller poller;
    private final OperationSender operations;
    private final PaymentHistoryFiler paymentHistory;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param orderTime       how long one order's Vipps calls may take (one whole attempt): no order is started
     *                        later than that before the deadline
     * @param operationGrace  how long an operation is left to the call that recorded it
     * @param followUp        when to look again at an open reservation
     * @param sessionLifetime how long a Checkout session stays open (when an unpaid order counts as pending)
     */
    public record Settings(int concurrency, int pageSize, Duration orderTime, Duration operationGrace,
                           FollowUpCadence followUp, Duration sessionLifetime) {
    }

    public ReconcileService(OrderStore store, ReconcilerBookmark bookmark, PaymentPoller poller,
                            OperationSender operations, PaymentHistoryFiler paymentHistory, Settings settings,
                            Clock clock) {
        this.store = store;
        this.updater = new OrderUpdater(store);
        this.bookmark = bookmark;
        this.poller = poller;
        this.operations = operations;
        this.paymentHistory = paymentHistory;
        this.settings = settings;
        this.clock = clock;
    }

    public enum Result { CHANGED, UNCHANGED, FAILED }

    /**
     * What one run did; {@code complete} is false when it stopped for the deadline. {@code pending}: orders it left
     * without their payment's outcome after the customer's time, the oldest pending that long; {@code
     * operationsPending}: operations Vipps has not answered, the oldest requested that long ago.
     */
    public record Summary(int examined, int changed, int unchanged, int failed, boolean complete, int pending,
                          long oldestPendingSeconds, int operationsPending, long oldestOperationSeconds) {
    }

    /** One run inside a Lambda of {@code functionTimeout}. */
    public Summary runFor(Duration functionTimeout) {
        return run(clock.instant().plus(functionTimeout).minus(SAFETY_MARGIN));
    }

    public Summary run(Instant deadline) {
        Instant dueBy = clock.instant();
        Optional<String> cursor = bookmark.load();
        Map<Result, Integer> counts = new EnumMap<>(Result.class);
        Backlog backlog = new Backlog(settings.sessionLifetime());
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        try {
            while (true) {
                if (!timeForAnOrder(deadline)) {
                    bookmark.save(cursor);
                    return summary(counts, backlog, false);
                }
                Page<PendingOrder> page = store.needingReconciliation(dueBy, settings.pageSize(), cursor.orElse(null));
                int started = reconcilePage(page, deadline, pool, counts, backlog);
                if (started < page.items().size()) {
                    // Stopped for the deadline: everything up to the last started order is done.
                    cursor = started == 0 ? cursor : Optional.of(page.items().get(started - 1).position());
                    bookmark.save(cursor);
                    return summary(counts, backlog, false);
                }
                cursor = Optional.ofNullable(page.cursor());
                bookmark.save(cursor);
                if (cursor.isEmpty()) {
                    return summary(counts, backlog, true);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reconciles the page's orders in index order, at most {@code concurrency} at a time; how many it started. */
    private int reconcilePage(Page<PendingOrder> page, Instant deadline, ExecutorService pool,
                              Map<Result, Integer> counts, Backlog backlog) {
        CompletionService<Result> running = new ExecutorCompletionService<>(pool);
        LogContext.Snapshot context = LogContext.snapshot();
        int started = 0;
        int inFlight = 0;
        for (PendingOrder pending : page.items()) {
            if (inFlight == settings.concurrency()) {
                counts.merge(next(running), 1, Integer::sum);
                inFlight--;
            }
            if (!timeForAnOrder(deadline)) {
                break;
            }
            running.submit(() -> context.runFor(pending.order().reference().value(), () -> {
                Result result = CallDeadline.runWithin(Duration.between(clock.instant(), deadline),
                        () -> reconcile(pending.order()));
                backlog.saw(pending.order(), result, clock.instant());
                return result;
            }));
            started++;
            inFlight++;
        }
        for (; inFlight > 0; inFlight--) {
            counts.merge(next(running), 1, Integer::sum);
        }
        return started;
    }

    private boolean timeForAnOrder(Instant deadline) {
        return !clock.instant().plus(settings.orderTime()).isAfter(deadline);
    }

    Result reconcile(Order order) {
        try {
            Instant now = clock.instant();
            Optional<Operation> inFlight = order.pendingOperation();
            if (inFlight.isPresent()) {
                if (inFlight.get().requestedAt().plus(settings.operationGrace()).isAfter(now)) {
                    return Result.UNCHANGED; // its own call may still be waiting on Vipps: never send it twice at once
                }
                operations.finish(order, inFlight.get(), Source.RECONCILER);
                return Result.CHANGED;
            }
            if (order.supersededBy() != null && order.reservationOpen()) {
                cancelSuperseded(order, now);
                return Result.CHANGED;
            }
            if (order.owesPaymentHistory()) {
                // Filed on the run after the one that saw the authorization: one write per order per run.
                paymentHistory.file(order);
                return Result.CHANGED;
            }
            if (poller.refresh(order, Source.RECONCILER).transition().applied()) {
                return Result.CHANGED;
            }
            if (!order.needsReconciliation()) {
                store.reschedule(order, Optional.empty()); // only asked to look (a webhook): nothing left to do
            } else if (!order.needsAttention()) {
                store.reschedule(order, Optional.of(settings.followUp().next(order, now)));
            }
            return Result.UNCHANGED;
        } catch (RuntimeException e) {
            LOG.warnf("reconcile of %s failed: %s", order.reference(), e.getMessage());
            return Result.FAILED;
        }
    }

    /**
     * A newer attempt replaced this one, yet the customer authorized it (paid the old session after all): the
     * reservation is cancelled, so the shop order is paid once. Staff see it in the order's history.
     */
    private void cancelSuperseded(Order order, Instant now) {
        OrderUpdater.Updated recorded = updater.update(order.reference(), o -> o.requestOperation(
                OperationType.CANCEL, Optional.empty(), "reconciler", "superseded by " + o.supersededBy()
                        + ": the shop order is paid through the newer attempt", Optional.empty(), now))
                .orElseThrow();
        if (!recorded.transition().applied()) {
            return;
        }
        Operation cancel = recorded.order().pendingOperation().orElseThrow();
        LOG.infof("%s was superseded by %s but authorized: cancelling its reservation of %s", order.reference(),
                order.supersededBy(), cancel.amount());
        try {
            operations.send(recorded.order(), cancel, Source.RECONCILER);
        } catch (VippsApiException open) {
            LOG.infof("cancel of superseded %s still open (%s); finished on a later run", order.reference(),
                    open.getMessage());
        }
    }

    private static Result next(CompletionService<Result> running) {
        try {
            return running.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.FAILED;
        } catch (ExecutionException e) {
            return Result.FAILED;
        }
    }

    private static Summary summary(Map<Result, Integer> counts, Backlog backlog, boolean complete) {
        int changed = counts.getOrDefault(Result.CHANGED, 0);
        int unchanged = counts.getOrDefault(Result.UNCHANGED, 0);
        int failed = counts.getOrDefault(Result.FAILED, 0);
        int examined = changed + unchanged + failed;
        LOG.infof("reconcile run: %d examined, %d changed, %d unchanged, %d failed, complete=%s; %d orders pending, "
                + "%d operations pending", examined, changed, unchanged, failed, complete, backlog.pending(),
                backlog.operations());
        return new Summary(examined, changed, unchanged, failed, complete, backlog.pending(),
                backlog.oldestPending().toSeconds(), backlog.operations(), backlog.oldestOperation().toSeconds());
    }
}

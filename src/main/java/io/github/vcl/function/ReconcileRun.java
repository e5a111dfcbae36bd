package io.github.vcl.function;

import io.github.vcl.config.BackendConfig;
import io.github.vcl.observe.LogContext;
import io.github.vcl.observe.Metric;
import io.github.vcl.observe.Metrics;
import io.github.vcl.reconcile.ReconcileService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;

/**
 * One run of the reconciler within the function's time, as {@link ReconcileFunction} (EventBridge) and {@link
 * LocalReconcileSchedule} start it: its log lines framed as one invocation, its figures — duration, failures, what it
 * leaves pending — as metrics.
 */
@Singleton
public class ReconcileRun {
    @Inject
    ReconcileService reconciler;
    @Inject
    BackendConfig config;
    @Inject
    Metrics metrics;

    public ReconcileService.Summary run() {
        return LogContext.invocation(null, () -> {
            long started = System.nanoTime();
            ReconcileService.Summary summary = reconciler.runFor(config.functionTimeout());
            Map<Metric, Long> values = new EnumMap<>(Metric.class);
            values.put(Metric.RECONCILE_DURATION, (System.nanoTime() - started) / 1_000_000);
            values.put(Metric.RECONCILE_FAILURES, (long) summary.failed());
            values.put(Metric.ORDERS_PENDING, (long) summary.pending());
            values.put(Metric.OLDEST_PENDING_AGE, summary.oldestPendingSeconds());
            values.put(Metric.OPERATIONS_PENDING, (long) summary.operationsPending());
            values.put(Metric.OLDEST_OPERATION_AGE, summary.oldestOperationSeconds());
            metrics.emit(values);
            return summary;
        });
    }
}

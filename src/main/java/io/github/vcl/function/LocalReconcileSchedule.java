package io.github.vcl.function;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs the reconciler on {@code quarkus-scheduler} where no EventBridge exists (local runs set
 * {@code vcl.reconcile.every}; it is {@code off} in AWS, where the EventBridge schedule invokes {@link
 * ReconcileFunction}).
 */
@ApplicationScoped
public class LocalReconcileSchedule {
    @Inject
    ReconcileRun reconciler;

    @Scheduled(every = "${vcl.reconcile.every:off}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        reconciler.run();
    }
}

package io.github.vcl.vipps.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The moment by which the current invocation must have its Vipps calls behind it: a Lambda function gets a fixed
 * time, and a call still waiting when it runs out ends as the platform's bare error instead of our answer. Set for
 * the work of one invocation (per thread: the reconciler sets it in each of its workers); {@link VippsCallExecutor}
 * starts an attempt, or waits to retry, only when that still fits before it.
 */
public final class CallDeadline {
    /** {@link System#nanoTime()} by which the calls must be done: a monotonic clock, whatever the wall clock does. */
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private CallDeadline() {
    }

    /** Runs {@code work} with its Vipps calls done within {@code budget}; the previous deadline is restored after. */
    public static <T> T runWithin(Duration budget, Supplier<T> work) {
        Long previous = DEADLINE.get();
        DEADLINE.set(System.nanoTime() + budget.toNanos());
        try {
            return work.get();
        } finally {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        }
    }

    /** The time left in the current invocation; empty outside one (no limit). */
    static Optional<Duration> remaining() {
        Long deadline = DEADLINE.get();
        return deadline == null ? Optional.empty() : Optional.of(Duration.ofNanos(deadline - System.nanoTime()));
    }
}

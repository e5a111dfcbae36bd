package io.github.vcl.reconcile;

import io.github.vcl.order.Flow;
import io.github.vcl.order.Operation;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * What a reconcile run leaves waiting, as it saw the orders after looking at them: orders still without their
 * payment's outcome although the customer's time at Vipps is over (pending since it ended), and captures, refunds and
 * cancels Vipps has neither confirmed nor refused (pending since they were requested). An order the run moved on is
 * not counted. Shared by the run's workers.
 */
final class Backlog {
    /** How long a payment waits for the customer's approval (docs/vipps-rules.md#polling-and-redirects). */
    static final Duration PAYMENT_TIME = Duration.ofMinutes(10);

    private final Duration sessionLifetime;
    private int pending;
    private Duration oldestPending = Duration.ZERO;
    private int operations;
    private Duration oldestOperation = Duration.ZERO;

    /** @param sessionLifetime how long a Checkout session stays open; a payment started at its end may take longer */
    Backlog(Duration sessionLifetime) {
        this.sessionLifetime = sessionLifetime;
    }

    synchronized void saw(Order order, ReconcileService.Result result, Instant now) {
        if (result == ReconcileService.Result.CHANGED) {
            return;
        }
        Instant customerDone = order.createdAt().plus(order.flow() == Flow.CHECKOUT
                ? sessionLifetime.plus(PAYMENT_TIME) : PAYMENT_TIME);
        if (order.status() == OrderStatus.AWAITING_PAYMENT && customerDone.isBefore(now)) {
            pending++;
            oldestPending = longer(oldestPending, Duration.between(customerDone, now));
        }
        for (Operation operation : order.operations()) {
            if (operation.isPending()) {
                operations++;
                oldestOperation = longer(oldestOperation, Duration.between(operation.requestedAt(), now));
            }
        }
    }

    synchronized int pending() {
        return pending;
    }

    synchronized Duration oldestPending() {
        return oldestPending;
    }

    synchronized int operations() {
        return operations;
    }

    synchronized Duration oldestOperation() {
        return oldestOperation;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

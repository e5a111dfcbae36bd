package io.github.vcl.store;

import io.github.vcl.observe.Metric;
import io.github.vcl.observe.Metrics;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Order;
import io.github.vcl.order.Transition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order store that also counts what its writes did to orders, as business metrics (orders initiated, authorized,
 * captured, refunded, cancelled, expired, failed): a change counts once, when the write that recorded it succeeded —
 * a duplicate signal writes nothing, so it counts nothing. Captured, refunded and cancelled count an order's first
 * such change only.
 */
public class CountingOrderStore extends OrderStore {
    private static final Map<HistoryEvent, Metric> COUNTED = Map.of(
            HistoryEvent.ORDER_CREATED, Metric.ORDERS_INITIATED,
            HistoryEvent.PAYMENT_AUTHORIZED, Metric.ORDERS_AUTHORIZED,
            HistoryEvent.CAPTURED, Metric.ORDERS_CAPTURED,
            HistoryEvent.REFUNDED, Metric.ORDERS_REFUNDED,
            HistoryEvent.CANCELLED, Metric.ORDERS_CANCELLED,
            HistoryEvent.PAYMENT_TERMINATED, Metric.ORDERS_CANCELLED,
            HistoryEvent.PAYMENT_EXPIRED, Metric.ORDERS_EXPIRED,
            HistoryEvent.PAYMENT_ABORTED, Metric.ORDERS_FAILED,
            HistoryEvent.SESSION_FAILED, Metric.ORDERS_FAILED);

    private final Metrics metrics;

    public CountingOrderStore(DynamoDbClient dynamo, String table, Metrics metrics) {
        super(dynamo, table);
        this.metrics = metrics;
    }

    @Override
    public Order create(Order order) {
        Order stored = super.create(order);
        count(stored, stored.history());
        return stored;
    }

    @Override
    public Order apply(Transition transition) {
        Order stored = super.apply(transition);
        count(stored, transition.added());
        return stored;
    }

    @Override
    public boolean applyToAwaitingPayment(Order presumed, Transition transition, Optional<String> callbackTokenHash) {
        boolean written = super.applyToAwaitingPayment(presumed, transition, callbackTokenHash);
        if (written) {
            count(transition.order(), transition.added());
        }
        return written;
    }

    /** {@code added}: the entries the write appended to {@code after}'s history. */
    private void count(Order after, List<HistoryEntry> added) {
        Map<Metric, Long> counts = new EnumMap<>(Metric.class);
        for (HistoryEntry entry : added) {
            Metric metric = COUNTED.get(entry.event());
            if (metric != null && firstOfItsKind(entry.event(), after, added)) {
                counts.put(metric, 1L);
            }
        }
        metrics.emit(counts);
    }

    /** True when no entry of this kind was in the history before this write. */
    private static boolean firstOfItsKind(HistoryEvent event, Order after, List<HistoryEntry> added) {
        return after.history().stream().filter(e -> e.event() == event).count()
                == added.stream().filter(e -> e.event() == event).count();
    }
}

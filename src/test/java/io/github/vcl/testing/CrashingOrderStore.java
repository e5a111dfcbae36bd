package io.github.vcl.testing;

import io.github.vcl.config.BackendConfig;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Order;
import io.github.vcl.order.Transition;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.ReconcileShards;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The real store, except that when armed the write recording a created session fails once — as if the Lambda died
 * right after Vipps created the session. Enabled only by {@link FunctionProfile.ReconcileAfterCrash}.
 */
@Alternative
@Singleton
public class CrashingOrderStore extends OrderStore {
    public static final AtomicBoolean ARMED = new AtomicBoolean();

    @Inject
    public CrashingOrderStore(DynamoDbClient dynamo, BackendConfig config, ReconcileShards shards) {
        super(dynamo, config.ordersTable(), shards);
    }

    @Override
    public Order apply(Transition transition) {
        boolean recordsSession = transition.added().stream().anyMatch(e -> e.event() == HistoryEvent.SESSION_CREATED);
        if (recordsSession && ARMED.compareAndSet(true, false)) {
            throw new IllegalStateException("simulated crash after the Vipps call");
        }
        return super.apply(transition);
    }
}

package io.github.vcl.store;

import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.SessionState;
import io.github.vcl.order.Transition;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.github.vcl.store.OrderTable.*;

/**
 * Orders in DynamoDB: one item per reference. Creation is conditional on the reference being new; every change is
 * one single-item {@code UpdateItem} conditional on the version read, which also appends the transition's history
 * entries — so a change and its history are written together or not at all, and of two writers holding the same
 * version exactly one wins. Every write that puts an order in the reconciliation index puts it under its shard.
 */
public class OrderStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ReconcileShards shards;

    public OrderStore(DynamoDbClient dynamo, String table, ReconcileShards shards) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
    }

    /**
     * Takes the calls the functions make — a read, a conditional create and update, an index query, a batch read —
     * through the SDK while the function starts, so that their first-time work is not done in the first request:
     * once through this store's client, stopped before sending where the client stops marked requests
     * ({@link DryRun}: endpoint rules, marshalling, credentials, signing of this client), then through a client
     * answered by {@link CannedAnswers} (reading answers: parsing, unmarshalling items, a refused condition's
     * exception). Nothing is sent anywhere.
     */
    public void warmUp() {
        if (!DryRun.stopsOn(dynamo)) {
            return;
        }
        takeFirstCalls(dynamo, table, DryRun.MARKED);
        try (DynamoDbClient rehearsal = CannedAnswers.client()) {
            takeFirstCalls(rehearsal, CannedAnswers.TABLE, o -> { });
        }
    }

    private static void takeFirstCalls(DynamoDbClient client, String table,
                                       Consumer<AwsRequestOverrideConfiguration.Builder> override) {
        Map<String, AttributeValue> key = Map.of(REFERENCE, AttributeValue.fromS("warm-up"));
        DryRun.attempt(() -> client.getItem(b -> b.tableName(table).consistentRead(true).key(key)
                .overrideConfiguration(override)));
        DryRun.attempt(() -> client.putItem(b -> b.tableName(table).item(key)
                .conditionExpression("attribute_not_exists(#ref)").expressionAttributeNames(Map.of("#ref", REFERENCE))
                .overrideConfiguration(override)));
        DryRun.attempt(() -> client.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("SET #version = :next").conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#version", VERSION))
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromN("2"), ":expected",
                        AttributeValue.fromN("1")))
                .overrideConfiguration(override)));
        DryRun.attempt(() -> client.query(b -> b.tableName(table).indexName(RECONCILE_INDEX)
                .keyConditionExpression("#key = :key").expressionAttributeNames(Map.of("#key", RECONCILE_KEY))
                .expressionAttributeValues(Map.of(":key", AttributeValue.fromS("warm-up"))).limit(1)
                .overrideConfiguration(override)));
        DryRun.attempt(() -> client.batchGetItem(b -> b.requestItems(Map.of(table,
                        KeysAndAttributes.builder().keys(key).consistentRead(true).build()))
                .overrideConfiguration(override)));
    }

    /** Stores a new order as version 1. */
    public Order create(Order order) {
        Order stored = order.withVersion(1);
        Map<String, AttributeValue> item = OrderItemMapper.toItem(stored);
        if (stored.needsReconciliation()) {
            item.put(RECONCILE_KEY, AttributeValue.fromS(shards.keyOf(stored.reference())));
            item.put(RECONCILE_DUE, OrderItemMapper.n(stored.updatedAt().toEpochMilli()));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#ref)")
                    .expressionAttributeNames(Map.of("#ref", REFERENCE)));
        } catch (ConditionalCheckFailedException e) {
            throw new ReferenceTakenException(order.reference());
        }
        return stored;
    }

    /** The order with its whole history, read consistently. */
    public Optional<Order> find(Reference reference) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(REFERENCE, AttributeValue.fromS(reference.value()))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderItemMapper.fromItem(response.item()))
                : Optional.empty();
    }

    /**
     * Writes an applied transition of an order read at {@code transition}'s base version. Returns the stored order
     * (version + 1); throws {@link VersionConflictException} when someone else wrote first — re-read and decide again.
     */
    public Order apply(Transition transition) {
        if (!transition.applied()) {
            throw new IllegalArgumentException("only applied transitions are written, this one is "
                    + transition.outcome());
        }
        Order next = transition.order();
        long expected = next.version();
        Order stored = next.withVersion(expected + 1);

        OrderItemUpdate update = new OrderItemUpdate(OrderItemMapper.mutableAttributes(stored), ":next",
                transition.added(), stored, shards)
                .value(":expected", OrderItemMapper.n(expected))
                .value(":next", OrderItemMapper.n(expected + 1));
        try {
            dynamo.updateItem(update.request(table, "#version = :expected"));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(stored.reference(), expected);
        }
        return stored;
    }

    /**
     * Writes a decision taken on {@link Order#awaitingPayment} without reading the order: conditional on the stored
     * order being in exactly that state (session CREATING or CREATED, payment CREATED, nothing reserved, no
     * operation, no pspReference, same currency, and the same amount unless the decision authorizes) and, for a
     * callback, on its token; writing only the attributes the decision changed, the appended history and version + 1.
     * Returns false, having written nothing, when the order is in any other state (or unknown, or the token is
     * wrong): then read and decide as usual.
     */
    public boolean applyToAwaitingPayment(Order presumed, Transition transition, Optional<String> callbackTokenHash) {
        Order next = transition.order();
        Map<String, AttributeValue> before = OrderItemMapper.mutableAttributes(presumed);
        Map<String, AttributeValue> changed = new HashMap<>();
        OrderItemMapper.mutableAttributes(next).forEach((name, value) -> {
            if (!value.equals(before.get(name))) {
                changed.put(name, value);
            }
        });
        OrderItemUpdate update = new OrderItemUpdate(changed, "#version + :one", transition.added(), next, shards)
                .name("#ps", PAYMENT_STATE)
                .name("#ss", SESSION_STATE).name("#cur", CURRENCY).name("#ops", OPERATIONS)
                .value(":one", OrderItemMapper.n(1))
                .value(":zero", OrderItemMapper.n(0))
                .value(":created", AttributeValue.fromS(presumed.paymentState().name()))
                .value(":creating", AttributeValue.fromS(SessionState.CREATING.name()))
                .value(":open", AttributeValue.fromS(SessionState.CREATED.name()))
                .value(":cur", AttributeValue.fromS(presumed.currency().name()));
        // Payment CREATED implies nothing reserved, captured, refunded or cancelled and no pspReference stored: the
        // model applies money and pspReference only with a state that moved on, so those need no condition of their
        // own.
        StringBuilder condition = new StringBuilder("#ps = :created AND #ss IN (:creating, :open) AND #cur = :cur "
                + "AND size(#ops) = :zero");
        callbackTokenHash.ifPresent(hash -> {
            update.name("#checkout", CHECKOUT).name("#cbh", "callbackTokenHash")
                    .value(":cbh", AttributeValue.fromS(hash));
            condition.append(" AND #checkout.#cbh = :cbh");
        });
        if (next.paymentState() != PaymentState.AUTHORIZED) {
            update.name("#amount", AMOUNT).value(":amount", OrderItemMapper.n(presumed.amount().minor()));
            condition.append(" AND #amount = :amount");
        }
        try {
            dynamo.updateItem(update.request(table, condition.toString()));
            return true;
        } catch (ConditionalCheckFailedException notAwaitingPayment) {
            return false;
        }
    }

    /**
     * One page of the orders under {@code key} of the reconciliation index (a shard, or the legacy key) that are due at
     * or before {@code dueBy}, in index order, read from the index (which projects whole items, so no read per order
     * follows; an index entry may lag the table by a moment, which the version-conditional write catches). Each entry
     * carries its position, from which a later query of that key resumes right after it; the page's cursor is null on
     * the last page.
     */
    public Page<PendingOrder> needingReconciliation(String key, Instant dueBy, int pageSize, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(RECONCILE_INDEX)
                .keyConditionExpression("#rk = :rk AND #rd <= :due")
                .expressionAttributeNames(Map.of("#rk", RECONCILE_KEY, "#rd", RECONCILE_DUE))
                .expressionAttributeValues(Map.of(":rk", AttributeValue.fromS(key),
                        ":due", OrderItemMapper.n(dueBy.toEpochMilli())))
                .limit(pageSize);
        if (cursor != null) {
            query.exclusiveStartKey(ReconciliationCursor.decode(key, cursor));
        }
        QueryResponse response = dynamo.query(query.build());
        List<PendingOrder> orders = response.items().stream()
                .map(item -> new PendingOrder(OrderItemMapper.fromItem(item), ReconciliationCursor.encode(item)))
                .toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? ReconciliationCursor.encode(response.lastEvaluatedKey())
                : null;
        return new Page<>(orders, next);
    }

    /** Whether any order, due or not, is under {@code key} of the reconciliation index (one small query). */
    public boolean holdsOrdersUnder(String key) {
        return dynamo.query(b -> b.tableName(table).indexName(RECONCILE_INDEX)
                .keyConditionExpression("#rk = :rk")
                .expressionAttributeNames(Map.of("#rk", RECONCILE_KEY))
                .expressionAttributeValues(Map.of(":rk", AttributeValue.fromS(key)))
                .limit(1)).count() > 0;
    }

    /**
     * Sets when the reconciler looks at the order next ({@code due}), or takes it out of the reconciliation index
     * (empty), if it is still the version read; no new version, no history. For an order that is only followed (its
     * next look on the decaying cadence), one that must be looked at soon (a webhook whose payment Vipps could not be
     * read in time), and one that was looked at and needs nothing. False when the order changed meanwhile (its index
     * entry then follows from that change).
     */
    public boolean reschedule(Order order, Optional<Instant> due) {
        Map<String, String> names = Map.of("#rd", RECONCILE_DUE, "#version", VERSION, "#rk", RECONCILE_KEY);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", OrderItemMapper.n(order.version())));
        due.ifPresent(at -> {
            values.put(":rk", AttributeValue.fromS(shards.keyOf(order.reference())));
            values.put(":due", OrderItemMapper.n(at.toEpochMilli()));
        });
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(REFERENCE, AttributeValue.fromS(order.reference().value())))
                    .updateExpression(due.isPresent() ? "SET #rk = :rk, #rd = :due" : "REMOVE #rk, #rd")
                    .conditionExpression("#version = :v")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }
}

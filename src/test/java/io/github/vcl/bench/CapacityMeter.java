package io.github.vcl.bench;

import io.github.vcl.order.Reference;
import io.github.vcl.store.OrderTable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Asks DynamoDB for the capacity units of every call the application makes ({@code ReturnConsumedCapacity=TOTAL},
 * registered with {@code quarkus.dynamodb.interceptors} in the cost benchmark's world only) and adds them up per
 * function ({@link #charge}). dynalite answers with the table's units only, by DynamoDB's rules (reads 4 KB, half
 * for eventually consistent; writes 1 KB, the larger of the item before and after); what the global secondary
 * indexes add to a write is estimated here from DynamoDB's documented rules: an index entry is written when the item
 * enters or leaves the index or an attribute the index projects changes, a moved key is a delete and a put, and an
 * entry costs by its own size. {@code reconcile-index} projects the whole order (as many units as the table's write);
 * the support indexes project keys only ({@code shop-order-index} also the status): one unit per entry, written at
 * creation and when the status changes.
 */
public class CapacityMeter implements ExecutionInterceptor {
    /** Units by function, then by kind: {@link #READ}, {@link #WRITE}, {@link #INDEX_WRITE}. */
    private static final Map<String, Map<String, DoubleAdder>> UNITS = new ConcurrentHashMap<>();
    static final String READ = "read";
    static final String WRITE = "write";
    static final String INDEX_WRITE = "index write";
    private static final List<List<String>> SUPPORT_INDEX_KEYS = List.of(
            List.of(OrderTable.SHOP_ORDER_ID, OrderTable.CREATED_AT),
            List.of(OrderTable.STATUS, OrderTable.CREATED_AT),
            List.of(OrderTable.CREATED_MONTH, OrderTable.CREATED_AT));
    private static volatile String charged = "-";

    /** The function whose invocation the following calls belong to (the benchmark invokes one at a time). */
    static void charge(String function) {
        charged = function;
    }

    static void reset() {
        UNITS.clear();
    }

    /** Charges to {@code to} what was charged to {@code from}. */
    static void move(String from, String to) {
        Map<String, DoubleAdder> moved = UNITS.remove(from);
        if (moved != null) {
            moved.forEach((kind, units) -> UNITS.computeIfAbsent(to, f -> new ConcurrentHashMap<>())
                    .computeIfAbsent(kind, k -> new DoubleAdder()).add(units.sum()));
        }
    }

    static double units(String function, String kind) {
        DoubleAdder adder = UNITS.getOrDefault(function, Map.of()).get(kind);
        return adder == null ? 0 : adder.sum();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        SdkRequest request = context.request();
        if (response instanceof GetItemResponse r) {
            add(READ, r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            add(READ, r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            double units = add(WRITE, r.consumedCapacity());
            Map<String, AttributeValue> item = ((PutItemRequest) request).item();
            add(INDEX_WRITE, (item.containsKey(OrderTable.RECONCILE_KEY) ? units : 0)
                    + SUPPORT_INDEX_KEYS.stream().filter(keys -> item.keySet().containsAll(keys)).count());
        } else if (response instanceof UpdateItemResponse r) {
            double units = add(WRITE, r.consumedCapacity());
            UpdateItemRequest update = (UpdateItemRequest) request;
            if (isOrder(update.key())) {
                // reconcile-index: the entry moves (a delete and a put) or leaves (a delete); the status, when it
                // changes, moves the status-index entry and rewrites the shop-order-index entry
                boolean leaves = update.updateExpression().contains("REMOVE");
                boolean statusChanges = update.expressionAttributeNames().containsValue(OrderTable.STATUS);
                add(INDEX_WRITE, units * (leaves ? 1 : 2) + (statusChanges ? 3 : 0));
            }
        } else if (response instanceof DeleteItemResponse r) {
            add(WRITE, r.consumedCapacity());
        }
    }

    private static boolean isOrder(Map<String, AttributeValue> key) {
        try {
            Reference.of(key.get(OrderTable.REFERENCE).s());
            return true;
        } catch (RuntimeException notAReference) {
            return false;
        }
    }

    private static double add(String kind, ConsumedCapacity capacity) {
        return add(kind, capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits());
    }

    private static double add(String kind, double units) {
        UNITS.computeIfAbsent(charged, f -> new ConcurrentHashMap<>()).computeIfAbsent(kind, k -> new DoubleAdder())
                .add(units);
        return units;
    }
}

package io.github.vcl.testing;

import io.github.vcl.store.OrderTable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the application's DynamoDB calls by operation (registered with {@code quarkus.dynamodb.interceptors} in every
 * {@link CheckoutWorld}), so a test can prove that a refused request cost no DynamoDB call; and the writes that put an
 * order under each reconciliation-index key, so a benchmark can show how they spread over the shards.
 */
public class DynamoCallCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> INDEX_KEY_WRITES = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("vcl.call-started");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        long nanos = System.nanoTime() - attributes.getAttribute(STARTED);
        NANOS.computeIfAbsent(operation, k -> new LongAdder()).add(nanos);
        CALLS.computeIfAbsent(operation, k -> new LongAdder()).increment();
        indexKeyWritten(context.request()).ifPresent(key ->
                INDEX_KEY_WRITES.computeIfAbsent(key, k -> new LongAdder()).increment());
    }

    /** The reconciliation-index key a successful Put or Update set, if it set one. */
    private static Optional<String> indexKeyWritten(SdkRequest request) {
        if (request instanceof PutItemRequest put && put.item().containsKey(OrderTable.RECONCILE_KEY)) {
            return Optional.of(put.item().get(OrderTable.RECONCILE_KEY).s());
        }
        if (request instanceof UpdateItemRequest update && update.updateExpression() != null) {
            return update.expressionAttributeNames().entrySet().stream()
                    .filter(name -> name.getValue().equals(OrderTable.RECONCILE_KEY))
                    .map(name -> Pattern.compile(Pattern.quote(name.getKey()) + " = (:\\w+)")
                            .matcher(update.updateExpression()))
                    .filter(Matcher::find)
                    .map(set -> update.expressionAttributeValues().get(set.group(1)).s())
                    .findFirst();
        }
        return Optional.empty();
    }

    public static void reset() {
        CALLS.clear();
        INDEX_KEY_WRITES.clear();
        NANOS.clear();
    }

    /**
     * The time the successful calls of {@code operation} took since the last {@link #reset}, from the SDK's start of
     * the call to its parsed answer, in nanoseconds: what a handler spent waiting for DynamoDB.
     */
    public static long nanos(String operation) {
        LongAdder adder = NANOS.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    /** By reconciliation-index key: the writes that put an order under it since the last {@link #reset}. */
    public static Map<String, Long> indexKeyWrites() {
        Map<String, Long> writes = new TreeMap<>();
        INDEX_KEY_WRITES.forEach((key, adder) -> writes.put(key, adder.sum()));
        return writes;
    }

    public static long count(String operation) {
        LongAdder adder = CALLS.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    /** All calls since the last {@link #reset}, by operation. */
    public static Map<String, Long> all() {
        Map<String, Long> all = new TreeMap<>();
        CALLS.forEach((operation, adder) -> {
            if (adder.sum() > 0) {
                all.put(operation, adder.sum());
            }
        });
        return all;
    }
}

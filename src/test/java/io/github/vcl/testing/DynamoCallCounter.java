package io.github.vcl.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the application's DynamoDB calls by operation (registered with {@code quarkus.dynamodb.interceptors} in every
 * {@link CheckoutWorld}), so a test can prove that a refused request cost no DynamoDB call.
 */
public class DynamoCallCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
                .increment();
    }

    public static void reset() {
        CALLS.clear();
    }

    public static long count(String operation) {
        LongAdder adder = CALLS.get(operation);
        return adder == null ? 0 : adder.sum();
    }

    /** All calls since the last {@link #reset}, by operation. */
    public static Map<String, Long> all() {
        Map<String, Long> all = new java.util.TreeMap<>();
        CALLS.forEach((operation, adder) -> {
            if (adder.sum() > 0) {
                all.put(operation, adder.sum());
            }
        });
        return all;
    }
}

package io.github.vcl.bench;

import io.github.vcl.order.Reference;
import io.github.vcl.vipps.epayment.EPaymentClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The yardstick of the reconcile benchmark: for each order, the ePayment GET the reconciler makes (same client) and
 * one conditional {@code UpdateItem} of the order's item, {@code concurrency} orders at a time, with no index paging,
 * no decision and no mapping — the least a reconciler must do per order. The update sets an attribute the application
 * never reads, on the condition that the payment is still CREATED (true before the reconciler looked).
 */
final class BareReconcileLoop {
    private final EPaymentClient epayment;
    private final DynamoDbClient dynamo;
    private final String table;
    private final int concurrency;

    BareReconcileLoop(EPaymentClient epayment, DynamoDbClient dynamo, String table, int concurrency) {
        this.epayment = epayment;
        this.dynamo = dynamo;
        this.table = table;
        this.concurrency = concurrency;
    }

    /** Orders per second over {@code references}. */
    double rate(List<Reference> references) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (Reference reference : references) {
                done.add(pool.submit(() -> look(reference)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return references.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private void look(Reference reference) {
        epayment.getPayment(reference.value());
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("reference", AttributeValue.fromS(reference.value())))
                .updateExpression("SET #look = :now")
                .conditionExpression("#ps = :created")
                .expressionAttributeNames(Map.of("#look", "benchLookedAt", "#ps", "paymentState"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(System.nanoTime())),
                        ":created", AttributeValue.fromS("CREATED"))));
    }
}

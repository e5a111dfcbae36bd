package io.github.vcl.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The yardstick of the handler benchmarks: one bare version-conditional {@code UpdateItem} on the same DynamoDB
 * endpoint and table, interleaved with the handler calls so both see the same machine load.
 */
final class BareUpdate {
    private final DynamoDbClient dynamo;
    private final String table;
    private final String key;
    private long version;

    /** Puts the baseline item (a key and a version) and warms the path up with {@code warmUps} updates. */
    BareUpdate(DynamoDbClient dynamo, String table, int warmUps) {
        this(dynamo, table, "bench#baseline", Map.of(), warmUps);
    }

    /**
     * The same on an item under {@code key} that holds {@code shape}'s attributes besides (a copy of an order's item,
     * so it is in every index the order is in): what the store spends on an order's item, apart from the handler.
     */
    BareUpdate(DynamoDbClient dynamo, String table, String key, Map<String, AttributeValue> shape, int warmUps) {
        this.dynamo = dynamo;
        this.table = table;
        this.key = key;
        Map<String, AttributeValue> item = new HashMap<>(shape);
        item.put("reference", AttributeValue.fromS(key));
        item.put("version", AttributeValue.fromN("0"));
        dynamo.putItem(b -> b.tableName(table).item(item));
        for (int i = 0; i < warmUps; i++) {
            run();
        }
    }

    /** One update; its time in nanoseconds. */
    long timed() {
        long start = System.nanoTime();
        run();
        return System.nanoTime() - start;
    }

    private void run() {
        long current = version++;
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("reference", AttributeValue.fromS(key)))
                .updateExpression("SET #v = :next")
                .conditionExpression("#v = :current")
                .expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":current", AttributeValue.fromN(Long.toString(current)),
                        ":next", AttributeValue.fromN(Long.toString(current + 1)))));
    }

    static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}

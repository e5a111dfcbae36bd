package io.github.vcl.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.Map;

/**
 * The yardstick of the handler benchmarks: one bare version-conditional {@code UpdateItem} on the same DynamoDB
 * endpoint and table, interleaved with the handler calls so both see the same machine load.
 */
final class BareUpdate {
    private static final String KEY = "bench#baseline";
    private final DynamoDbClient dynamo;
    private final String table;
    private long version;

    /** Puts the baseline item and warms the path up with {@code warmUps} updates. */
    BareUpdate(DynamoDbClient dynamo, String table, int warmUps) {
        this.dynamo = dynamo;
        this.table = table;
        dynamo.putItem(b -> b.tableName(table).item(Map.of("reference", AttributeValue.fromS(KEY),
                "version", AttributeValue.fromN("0"))));
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
                .key(Map.of("reference", AttributeValue.fromS(KEY)))
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

package io.github.vcl.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

import static io.github.vcl.store.OrderTable.REFERENCE;

/**
 * Where the last reconcile run stopped, so a run cut short by the Lambda deadline resumes there next time instead of
 * starting over (which would starve the orders at the end of the index). One small item, one write per run.
 */
public class ReconcilerBookmark {
    static final String KEY = "control#reconciler";
    private static final String CURSOR = "cursor";

    private final DynamoDbClient dynamo;
    private final String table;

    public ReconcilerBookmark(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<String> load() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(REFERENCE, AttributeValue.fromS(KEY)))).item();
        return item == null || !item.containsKey(CURSOR) ? Optional.empty() : Optional.of(item.get(CURSOR).s());
    }

    /** Remembers {@code cursor}; an empty one means the next run starts at the beginning. */
    public void save(Optional<String> cursor) {
        if (cursor.isEmpty()) {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of(REFERENCE, AttributeValue.fromS(KEY))));
            return;
        }
        dynamo.putItem(b -> b.tableName(table).item(Map.of(REFERENCE, AttributeValue.fromS(KEY),
                CURSOR, AttributeValue.fromS(cursor.get()))));
    }
}

package io.github.vcl.testing;

import io.github.vcl.order.Reference;
import io.github.vcl.store.OrderTable;
import io.github.vcl.store.ReconcileShards;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** Puts an order's reconciliation-index entry under the legacy key, as the index before sharding held every order. */
public final class LegacyIndexKey {
    private LegacyIndexKey() {
    }

    public static void put(DynamoDbClient dynamo, String table, Reference reference) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(OrderTable.REFERENCE, AttributeValue.fromS(reference.value())))
                .updateExpression("SET #rk = :legacy")
                .expressionAttributeNames(Map.of("#rk", OrderTable.RECONCILE_KEY))
                .expressionAttributeValues(Map.of(":legacy", AttributeValue.fromS(ReconcileShards.LEGACY_KEY))));
    }
}

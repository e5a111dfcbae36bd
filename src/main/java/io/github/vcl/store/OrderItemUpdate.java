package io.github.vcl.store;

import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.Order;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.vcl.store.OrderTable.*;

/**
 * The one {@code UpdateItem} every change of an order is: SET of the given attributes and the new version, the
 * history entries appended, and the reconciliation-index attributes set or removed as the order now needs. Callers
 * add the condition (and its names and values).
 */
final class OrderItemUpdate {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final String expression;
    private final Order next;

    /**
     * @param newVersion the expression for the new version, using {@code #version} and placeholders the caller
     *                   supplies with {@link #value}
     * @param shards     where the order goes in the reconciliation index while it needs reconciliation
     */
    OrderItemUpdate(Map<String, AttributeValue> attributes, String newVersion, List<HistoryEntry> added, Order next,
                    ReconcileShards shards) {
        this.next = next;
        StringBuilder set = new StringBuilder("SET ");
        int i = 0;
        for (var attribute : attributes.entrySet()) {
            name("#a" + i, attribute.getKey());
            value(":a" + i, attribute.getValue());
            set.append("#a").append(i).append(" = :a").append(i).append(", ");
            i++;
        }
        name("#version", VERSION);
        name("#history", HISTORY);
        name("#rk", RECONCILE_KEY);
        name("#rd", RECONCILE_DUE);
        value(":added", OrderItemMapper.historyList(added));
        set.append("#version = ").append(newVersion).append(", #history = list_append(#history, :added)");
        if (next.needsReconciliation()) {
            value(":rk", AttributeValue.fromS(shards.keyOf(next.reference())));
            value(":rd", OrderItemMapper.n(next.updatedAt().toEpochMilli()));
            expression = set + ", #rk = :rk, #rd = :rd";
        } else {
            expression = set + " REMOVE #rk, #rd";
        }
    }

    OrderItemUpdate name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    OrderItemUpdate value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    UpdateItemRequest request(String table, String condition) {
        return UpdateItemRequest.builder().tableName(table)
                .key(Map.of(REFERENCE, AttributeValue.fromS(next.reference().value())))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }
}

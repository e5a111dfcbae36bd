package io.github.vcl.store;

import io.github.vcl.order.Reference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

import static io.github.vcl.store.OrderTable.*;

/**
 * Which payment attempt is the current one of each shop order: one item per shop order in the orders table, under
 * {@code shop-order#<shopOrderId>} (no reference contains '#'). Read strongly consistently and moved on with a
 * conditional write, so of two attempts started at the same moment exactly one becomes current — the rule "one
 * payment per shop order" never rests on an eventually consistent index.
 */
public class ShopOrders {
    static final String KEY_PREFIX = "shop-order#";

    private final DynamoDbClient dynamo;
    private final String table;

    public ShopOrders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The current attempt of the shop order, if it has one. */
    public Optional<Reference> current(String shopOrderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(shopOrderId))).item();
        return item == null || !item.containsKey(CURRENT_REFERENCE) ? Optional.empty()
                : Optional.of(Reference.of(item.get(CURRENT_REFERENCE).s()));
    }

    /**
     * Makes {@code next} the current attempt, if {@code expected} still is (empty: the shop order has none yet).
     * False, having written nothing, when another attempt got there first.
     */
    public boolean advance(String shopOrderId, Optional<Reference> expected, Reference next) {
        try {
            if (expected.isEmpty()) {
                Map<String, AttributeValue> item = new java.util.HashMap<>(key(shopOrderId));
                item.put(CURRENT_REFERENCE, AttributeValue.fromS(next.value()));
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#ref)")
                        .expressionAttributeNames(Map.of("#ref", REFERENCE)));
            } else {
                dynamo.updateItem(b -> b.tableName(table).key(key(shopOrderId))
                        .updateExpression("SET #cur = :next")
                        .conditionExpression("#cur = :expected")
                        .expressionAttributeNames(Map.of("#cur", CURRENT_REFERENCE))
                        .expressionAttributeValues(Map.of(":next", AttributeValue.fromS(next.value()),
                                ":expected", AttributeValue.fromS(expected.get().value()))));
            }
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String shopOrderId) {
        return Map.of(REFERENCE, AttributeValue.fromS(KEY_PREFIX + shopOrderId));
    }
}

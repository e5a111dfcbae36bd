package io.github.vcl.store;

import io.github.vcl.order.Reference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes orders with the items their start wrote beside them (their shop order's item), so that a benchmark can
 * bring a table back to the number of items it had: the store itself never deletes an order.
 */
public final class OrderRemoval {
    private static final int BATCH = 25;

    private OrderRemoval() {
    }

    public static void remove(DynamoDbClient dynamo, String table, List<Reference> references) {
        OrderStore store = new OrderStore(dynamo, table, new ReconcileShards(1));
        List<WriteRequest> deletes = new ArrayList<>();
        for (Reference reference : references) {
            String shopOrderId = store.find(reference).orElseThrow().shopOrderId();
            deletes.add(delete(reference.value()));
            deletes.add(delete(ShopOrders.KEY_PREFIX + shopOrderId));
        }
        for (int from = 0; from < deletes.size(); from += BATCH) {
            List<WriteRequest> batch = deletes.subList(from, Math.min(deletes.size(), from + BATCH));
            while (!batch.isEmpty()) {
                List<WriteRequest> asked = batch;
                batch = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, asked)))
                        .unprocessedItems().getOrDefault(table, List.of());
            }
        }
    }

    private static WriteRequest delete(String key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(Map.of(OrderTable.REFERENCE, AttributeValue.fromS(key))).build()).build();
    }
}

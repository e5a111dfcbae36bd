package io.github.vcl.store;

import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.github.vcl.store.OrderTable.*;

/**
 * Support's order search, newest first, one index query per partition and never a Scan: by shop order id through
 * {@code shop-order-index} (status, when also given, as a filter), by status through {@code status-index}, and
 * otherwise through {@code created-index}, month by month from {@code to} back to {@code from}. Pages end exactly at
 * {@code limit} items; the last page has no cursor (a page that ends exactly at the end of the data may be followed
 * by one empty page). The support indexes project keys only (and {@code shop-order-index} the status it filters on), so
 * an order write that does not move an index key costs no index write; a page's orders are then read from the table
 * in one strongly consistent {@code BatchGetItem}, in index order.
 */
public class OrderSearch {
    private static final int UNPROCESSED_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public OrderSearch(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** What to look for: orders created in {@code [from, to)}, optionally of one shop order and/or one status. */
    public record Criteria(Optional<String> shopOrderId, Optional<OrderStatus> status, Instant from, Instant to) {
        public Criteria {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to");
            }
        }
    }

    /** One page; {@code cursor} is a previous page's cursor or null. Throws IllegalArgumentException for a bad one. */
    public Page<Order> find(Criteria criteria, int limit, String cursor) {
        Index index = Index.of(criteria);
        String partition = index.first;
        Optional<Map<String, AttributeValue>> startKey = Optional.empty();
        if (cursor != null) {
            SearchCursor.Position position = SearchCursor.decode(cursor, index.attribute);
            if (!index.covers(position.partition())) {
                throw new IllegalArgumentException("the cursor belongs to another search");
            }
            partition = position.partition();
            startKey = position.startKey();
        }
        List<AttributeValue> references = new ArrayList<>();
        while (true) {
            QueryResponse response = dynamo.query(query(index, criteria, partition, startKey, limit - references.size()));
            response.items().forEach(key -> references.add(key.get(REFERENCE)));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                if (references.size() >= limit) {
                    return new Page<>(orders(references), SearchCursor.after(partition, response.lastEvaluatedKey()));
                }
                startKey = Optional.of(response.lastEvaluatedKey());
                continue;
            }
            Optional<String> next = index.after(partition);
            if (next.isEmpty()) {
                return new Page<>(orders(references), null);
            }
            if (references.size() >= limit) {
                return new Page<>(orders(references), SearchCursor.atStartOf(next.get()));
            }
            partition = next.get();
            startKey = Optional.empty();
        }
    }

    /**
     * The orders of these references (at most 100, a page's most), in that order, read consistently; keys DynamoDB
     * leaves unprocessed (throttling) are asked again, a few times, before the search fails.
     */
    private List<Order> orders(List<AttributeValue> references) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> keys = references.stream()
                .map(reference -> Map.of(REFERENCE, reference)).toList();
        for (int attempt = 0; !keys.isEmpty(); attempt++) {
            if (attempt == UNPROCESSED_ATTEMPTS) {
                throw new IllegalStateException(keys.size() + " orders of a support page stayed unprocessed after "
                        + UNPROCESSED_ATTEMPTS + " BatchGetItem attempts");
            }
            pause(attempt);
            List<Map<String, AttributeValue>> asked = keys;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
            response.responses().getOrDefault(table, List.of())
                    .forEach(item -> items.put(item.get(REFERENCE).s(), item));
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
            keys = unprocessed == null ? List.of() : unprocessed.keys();
        }
        return references.stream().map(reference -> items.get(reference.s())).filter(Objects::nonNull)
                .map(OrderItemMapper::fromItem).toList();
    }

    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a support page", e);
        }
    }

    private QueryRequest query(Index index, Criteria criteria, String partition,
                               Optional<Map<String, AttributeValue>> startKey, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#p", index.attribute, "#c", CREATED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(partition),
                ":from", OrderItemMapper.time(criteria.from()),
                ":to", OrderItemMapper.time(criteria.to().minusNanos(1))));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(index.name)
                .keyConditionExpression("#p = :p AND #c BETWEEN :from AND :to")
                .scanIndexForward(false)
                .limit(limit);
        if (index.name.equals(SHOP_ORDER_INDEX) && criteria.status().isPresent()) {
            names.put("#st", STATUS);
            values.put(":st", AttributeValue.fromS(criteria.status().get().name()));
            query.filterExpression("#st = :st");
        }
        startKey.ifPresent(query::exclusiveStartKey);
        return query.expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** The index a search reads, and the partitions it walks through, newest first. */
    private record Index(String name, String attribute, String first, String last) {
        static Index of(Criteria criteria) {
            if (criteria.shopOrderId().isPresent()) {
                String id = criteria.shopOrderId().get();
                return new Index(SHOP_ORDER_INDEX, SHOP_ORDER_ID, id, id);
            }
            if (criteria.status().isPresent()) {
                String status = criteria.status().get().name();
                return new Index(STATUS_INDEX, STATUS, status, status);
            }
            return new Index(CREATED_INDEX, CREATED_MONTH, OrderItemMapper.month(criteria.to().minusNanos(1)),
                    OrderItemMapper.month(criteria.from()));
        }

        boolean covers(String partition) {
            if (!name.equals(CREATED_INDEX)) {
                return partition.equals(first);
            }
            return partition.matches("\\d{4}-\\d{2}") && partition.compareTo(first) <= 0
                    && partition.compareTo(last) >= 0;
        }

        Optional<String> after(String partition) {
            if (partition.equals(last)) {
                return Optional.empty();
            }
            YearMonth previous = YearMonth.parse(partition).minusMonths(1);
            return Optional.of(OrderItemMapper.month(previous.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
    }
}

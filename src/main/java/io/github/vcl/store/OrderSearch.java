package io.github.vcl.store;

import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.vcl.store.OrderTable.*;

/**
 * Support's order search, newest first, one index query per partition and never a Scan: by shop order id through
 * {@code shop-order-index} (status, when also given, as a filter), by status through {@code status-index}, and
 * otherwise through {@code created-index}, month by month from {@code to} back to {@code from}. Pages end exactly at
 * {@code limit} items; the last page has no cursor (a page that ends exactly at the end of the data may be followed
 * by one empty page).
 */
public class OrderSearch {
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
        List<Order> found = new ArrayList<>();
        while (true) {
            QueryResponse response = dynamo.query(query(index, criteria, partition, startKey, limit - found.size()));
            response.items().stream().map(OrderItemMapper::fromItem).forEach(found::add);
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                if (found.size() >= limit) {
                    return new Page<>(found, SearchCursor.after(partition, response.lastEvaluatedKey()));
                }
                startKey = Optional.of(response.lastEvaluatedKey());
                continue;
            }
            Optional<String> next = index.after(partition);
            if (next.isEmpty()) {
                return new Page<>(found, null);
            }
            if (found.size() >= limit) {
                return new Page<>(found, SearchCursor.atStartOf(next.get()));
            }
            partition = next.get();
            startKey = Optional.empty();
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

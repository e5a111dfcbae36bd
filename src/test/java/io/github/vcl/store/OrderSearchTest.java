package io.github.vcl.store;

import io.github.vcl.order.Flow;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.Reference;
import io.github.vcl.order.ReferenceGenerator;
import io.github.vcl.order.Source;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.ScratchTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support search reads a page's orders with one BatchGetItem; DynamoDB may leave some keys unprocessed (it does
 * under throttling), and those are asked again. The table is dynalite's; a client in front of it leaves keys
 * unprocessed as DynamoDB would.
 */
class OrderSearchTest {
    private static final PaymentSession SESSION = PaymentSession.pending(Flow.CHECKOUT, "n", "cb", "ret");

    private final ReferenceGenerator references = new ReferenceGenerator("search");
    private ScratchTable table;
    private final List<Reference> newestFirst = new ArrayList<>();
    private Instant from;
    private Instant to;

    @BeforeEach
    void createOrders() {
        table = new ScratchTable("search");
        OrderStore store = new OrderStore(table.dynamo(), table.name(), new ReconcileShards(4));
        from = Instant.now().minusSeconds(60);
        for (int i = 0; i < 5; i++) {
            Order created = store.create(Order.create(Carts.request(Carts.newShopOrderId()).order(),
                    references.firstAttempt(), SESSION, Source.STOREFRONT, from.plusSeconds(i)));
            newestFirst.add(0, created.reference());
        }
        to = Instant.now();
    }

    @AfterEach
    void dropTable() {
        table.close();
    }

    @Test
    void keysLeftUnprocessedAreAskedAgainAndThePageKeepsItsOrder() {
        Throttling dynamo = new Throttling(table.dynamo(), 2);
        Page<Order> page = new OrderSearch(dynamo, table.name()).find(criteria(), 5, null);
        assertEquals(newestFirst, page.items().stream().map(Order::reference).toList());
        assertEquals(List.of(5, 3, 1), dynamo.asked, "each call asks for what the one before left unprocessed");
    }

    @Test
    void keysThatStayUnprocessedFailTheSearchInsteadOfShowingAShortPage() {
        Throttling dynamo = new Throttling(table.dynamo(), 0);
        OrderSearch search = new OrderSearch(dynamo, table.name());
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> search.find(criteria(), 5, null));
        assertTrue(failed.getMessage().contains("unprocessed"), failed.getMessage());
        assertEquals(4, dynamo.asked.size(), "asked " + dynamo.asked);
    }

    private OrderSearch.Criteria criteria() {
        return new OrderSearch.Criteria(Optional.empty(), Optional.empty(), from, to);
    }

    /** The real client, except that each BatchGetItem serves at most {@code perCall} keys and leaves the rest. */
    private static final class Throttling implements DynamoDbClient {
        private final DynamoDbClient real;
        private final int perCall;
        final List<Integer> asked = new ArrayList<>();

        Throttling(DynamoDbClient real, int perCall) {
            this.real = real;
            this.perCall = perCall;
        }

        @Override
        public QueryResponse query(QueryRequest request) {
            return real.query(request);
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            Map.Entry<String, KeysAndAttributes> only = request.requestItems().entrySet().iterator().next();
            List<Map<String, AttributeValue>> keys = only.getValue().keys();
            asked.add(keys.size());
            int served = Math.min(perCall, keys.size());
            BatchGetItemResponse answer = served == 0 ? BatchGetItemResponse.builder().build()
                    : real.batchGetItem(request.toBuilder().requestItems(Map.of(only.getKey(),
                    only.getValue().toBuilder().keys(keys.subList(0, served)).build())).build());
            return answer.toBuilder().unprocessedKeys(served == keys.size() ? Map.of() : Map.of(only.getKey(),
                    only.getValue().toBuilder().keys(keys.subList(served, keys.size())).build())).build();
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
        }
    }
}

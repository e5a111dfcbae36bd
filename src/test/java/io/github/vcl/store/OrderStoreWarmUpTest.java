package io.github.vcl.store;

import com.sun.net.httpserver.HttpServer;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.order.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderStore#warmUp} sends nothing; the requests after it reach DynamoDB as before; its rehearsal client reads
 * the answers it is given as from DynamoDB.
 */
class OrderStoreWarmUpTest {
    private HttpServer dynamo;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        dynamo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        dynamo.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] noItem = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, noItem.length);
            exchange.getResponseBody().write(noItem);
            exchange.close();
        });
        dynamo.start();
    }

    @AfterEach
    void stop() {
        dynamo.stop(0);
    }

    @Test
    void theDryRunStopsBeforeSendingAndLaterReadsPass() {
        try (DynamoDbClient client = client().overrideConfiguration(o -> o.addExecutionInterceptor(new DryRun()))
                .build()) {
            OrderStore store = new OrderStore(client, "orders", new ReconcileShards(1));
            store.warmUp();
            assertEquals(0, received.get());
            assertTrue(store.find(Reference.of("shop-261125-ABCDEFGH-1")).isEmpty());
            assertEquals(1, received.get());
        }
    }

    @Test
    void withoutTheInterceptorTheStoreDoesNotWarmUp() {
        try (DynamoDbClient client = client().build()) {
            new OrderStore(client, "orders", new ReconcileShards(1)).warmUp();
            assertEquals(0, received.get());
        }
    }

    @Test
    void theRehearsalClientReadsEveryAnswerTheWayARealOneIsRead() {
        Map<String, AttributeValue> key = Map.of(OrderTable.REFERENCE, AttributeValue.fromS("warm-up"));
        try (DynamoDbClient rehearsal = CannedAnswers.client()) {
            assertEquals("warm-up", rehearsal.getItem(b -> b.tableName(CannedAnswers.TABLE).key(key))
                    .item().get(OrderTable.REFERENCE).s());
            assertEquals(1, rehearsal.query(b -> b.tableName(CannedAnswers.TABLE)).items().get(0)
                    .get("lines").l().size());
            assertEquals(1, rehearsal.batchGetItem(b -> b.requestItems(Map.of(CannedAnswers.TABLE,
                    KeysAndAttributes.builder().keys(key).build()))).responses().get(CannedAnswers.TABLE).size());
            assertThrows(ConditionalCheckFailedException.class, () -> rehearsal.putItem(b -> b
                    .tableName(CannedAnswers.TABLE).item(key)));
            assertThrows(ConditionalCheckFailedException.class, () -> rehearsal.updateItem(b -> b
                    .tableName(CannedAnswers.TABLE).key(key).updateExpression("SET a = :a")));
        }
        assertEquals(0, received.get());
    }

    private DynamoDbClientBuilder client() {
        return OrderTableSetup.builder(URI.create("http://127.0.0.1:" + dynamo.getAddress().getPort()));
    }
}

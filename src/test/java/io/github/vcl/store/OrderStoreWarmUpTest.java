package io.github.vcl.store;

import com.sun.net.httpserver.HttpServer;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.order.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OrderStore#warmUp} sends nothing; the requests after it reach DynamoDB as before. */
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

    private DynamoDbClientBuilder client() {
        return OrderTableSetup.builder(URI.create("http://127.0.0.1:" + dynamo.getAddress().getPort()));
    }
}

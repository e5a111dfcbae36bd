package io.github.vcl.local.dynamodb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault proxy in front of dynalite answers as DynamoDB does, and can hold an answer after the write happened. */
class DynamoProxyTest {
    private final Dynalite dynalite = Dynalite.shared();
    private final DynamoProxy proxy = DynamoProxy.start(dynalite.endpoint());
    private final DynamoDbClient direct = OrderTableSetup.client(dynalite.endpoint());
    private final DynamoDbClient viaProxy = DynamoDbClient.builder().endpointOverride(proxy.endpoint())
            .region(OrderTableSetup.REGION)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
            .build();
    private final String table = "proxy-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        viaProxy.close();
        direct.close();
        proxy.close();
    }

    @Test
    void faultsAreTheErrorsTheSdkKnowsFromDynamoDb() {
        proxy.faults(r -> Optional.of(DynamoProxy.Fault.PROVISIONED_THROUGHPUT_EXCEEDED));
        assertThrows(ProvisionedThroughputExceededException.class, this::describe);
        proxy.faults(r -> Optional.of(DynamoProxy.Fault.THROTTLING));
        DynamoDbException throttled = assertThrows(DynamoDbException.class, this::describe);
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        assertEquals(400, throttled.statusCode());
        assertTrue(throttled.isThrottlingException(), "the SDK retries it as throttling");
        proxy.faults(r -> Optional.of(DynamoProxy.Fault.INTERNAL_SERVER_ERROR));
        assertThrows(InternalServerErrorException.class, this::describe);

        proxy.stopFaults();
        assertThrows(ResourceNotFoundException.class, this::describe, "forwarded again: the table does not exist");
        assertEquals(Map.of("INTERNAL_SERVER_ERROR", 1L, "PROVISIONED_THROUGHPUT_EXCEEDED", 1L, "THROTTLING", 1L),
                proxy.injected());
    }

    @Test
    void aHeldAnswerComesAfterTheWriteReachedTheTable() throws Exception {
        OrderTableSetup.create(direct, table);
        AtomicBoolean writtenWhenHeld = new AtomicBoolean();
        proxy.holdNext(r -> r.action().equals("PutItem") && r.body().contains("held-1"), Duration.ofMillis(500),
                r -> writtenWhenHeld.set(direct.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(Map.of("reference", AttributeValue.fromS("held-1")))).hasItem()));

        long start = System.nanoTime();
        CompletableFuture<Void> put = CompletableFuture.runAsync(() -> viaProxy.putItem(b -> b.tableName(table)
                .item(Map.of("reference", AttributeValue.fromS("held-1")))));
        put.get(10, TimeUnit.SECONDS);

        assertTrue(writtenWhenHeld.get(), "the item was in the table while its answer was held");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(500), "the answer came late");
        assertEquals(Map.of("HELD", 1L), proxy.injected());
        assertFalse(proxy.calls().isEmpty());
    }

    private void describe() {
        viaProxy.describeTable(b -> b.tableName("no-such-table-" + UUID.randomUUID()));
    }
}

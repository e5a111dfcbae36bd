package io.github.vcl.local.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;

import static io.github.vcl.store.OrderTable.*;

/**
 * Creates the orders table on a local endpoint, exactly as template.yaml declares it in AWS (the template test
 * compares the two).
 */
public final class OrderTableSetup {
    public static final Region REGION = Region.EU_NORTH_1;

    private OrderTableSetup() {
    }

    /** A client for a local endpoint; local servers accept any static credentials. */
    public static DynamoDbClient client(URI endpoint) {
        return builder(endpoint).build();
    }

    /** A client for the DynamoDB API at {@code endpoint}, to be configured further. */
    public static DynamoDbClientBuilder builder(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    public static void create(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(REFERENCE, ScalarAttributeType.S),
                        attribute(RECONCILE_KEY, ScalarAttributeType.S),
                        attribute(RECONCILE_DUE, ScalarAttributeType.N),
                        attribute(SHOP_ORDER_ID, ScalarAttributeType.S),
                        attribute(STATUS, ScalarAttributeType.S),
                        attribute(CREATED_AT, ScalarAttributeType.S),
                        attribute(CREATED_MONTH, ScalarAttributeType.S))
                .keySchema(key(REFERENCE, KeyType.HASH))
                .globalSecondaryIndexes(
                        index(RECONCILE_INDEX, RECONCILE_KEY, RECONCILE_DUE, Projection.builder()
                                .projectionType(ProjectionType.ALL)),
                        index(SHOP_ORDER_INDEX, SHOP_ORDER_ID, CREATED_AT, Projection.builder()
                                .projectionType(ProjectionType.INCLUDE).nonKeyAttributes(STATUS)),
                        index(STATUS_INDEX, STATUS, CREATED_AT, Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY)),
                        index(CREATED_INDEX, CREATED_MONTH, CREATED_AT, Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY))));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range, Projection.Builder projection) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(projection.build())
                .build();
    }
}

package io.github.vcl.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the store to the Quarkus-managed DynamoDB client and the configured table. */
@ApplicationScoped
public class OrderStoreProducer {

    @Produces
    @ApplicationScoped
    OrderStore orderStore(DynamoDbClient dynamo, @ConfigProperty(name = "vcl.orders-table") String table) {
        return new OrderStore(dynamo, table);
    }
}

package io.github.vcl.testing;

import io.github.vcl.local.dynamodb.Dynalite;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.UUID;

/** A fresh orders table on the shared dynalite for one test, dropped when closed. */
public final class ScratchTable implements AutoCloseable {
    private final DynamoDbClient dynamo;
    private final String name;

    public ScratchTable(String prefix) {
        dynamo = OrderTableSetup.client(Dynalite.shared().endpoint());
        name = prefix + "-" + UUID.randomUUID();
        OrderTableSetup.create(dynamo, name);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        dynamo.deleteTable(b -> b.tableName(name));
        dynamo.close();
    }
}

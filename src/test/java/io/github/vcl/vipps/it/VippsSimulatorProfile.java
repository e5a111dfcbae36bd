package io.github.vcl.vipps.it;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * Quarkus test profile of the Vipps client integration tests: no Docker dev services (DynamoDB is not used here),
 * a free port for the Lambda mock event server, the status function exported (the clients are what is tested), and
 * one shared simulator whose URL and keys configure the CDI clients.
 */
public class VippsSimulatorProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.devservices.enabled", "false",
                "quarkus.dynamodb.devservices.enabled", "false",
                "quarkus.lambda.mock-event-server.test-port", "0",
                "quarkus.funqy.export", "status");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(VippsSimulatorResource.class));
    }
}

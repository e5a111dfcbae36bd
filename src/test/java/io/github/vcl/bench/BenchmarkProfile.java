package io.github.vcl.bench;

import io.github.vcl.testing.FunctionProfile;

import java.util.Map;

/** The reconcile Lambda with counted DynamoDB calls and a time budget that fits 5,000 orders. */
public class BenchmarkProfile extends FunctionProfile.Reconcile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.dynamodb.interceptors", DynamoCallCounter.class.getName(),
                "vcl.reconcile.time-budget", "600s",
                "quarkus.log.category.\"io.github.vcl\".level", "WARN");
    }
}

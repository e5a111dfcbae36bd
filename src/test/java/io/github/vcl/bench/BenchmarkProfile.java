package io.github.vcl.bench;

import io.github.vcl.testing.FunctionProfile;

import java.util.Map;

/** The reconcile Lambda with a time budget that fits 5,000 orders (DynamoDB calls are counted in every world). */
public class BenchmarkProfile extends FunctionProfile.Reconcile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vcl.function-timeout", "610s",
                "quarkus.log.category.\"io.github.vcl\".level", "WARN");
    }
}

package io.github.vcl.bench;

import io.github.vcl.testing.FunctionProfile;

import java.util.Map;

/**
 * The reconcile Lambda with a time budget that fits a run over 50,000 orders on a slow machine (DynamoDB calls are
 * counted in every world).
 */
public class BenchmarkProfile extends FunctionProfile.Reconcile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vcl.function-timeout", "1800s",
                "quarkus.log.category.\"io.github.vcl\".level", "WARN");
    }
}

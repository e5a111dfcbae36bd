package io.github.vcl.bench;

import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionProfile;

import java.time.Duration;
import java.util.Map;

/**
 * The reconcile Lambda with a time budget that fits a run over 50,000 orders on a slow machine (DynamoDB calls are
 * counted in every world), and simulated payments that wait for their customers longer than it takes to start them.
 */
public class BenchmarkProfile extends FunctionProfile.Reconcile {
    @Override
    protected Map<String, String> worldConfig() {
        return Map.of(CheckoutWorld.SIMULATOR_PAYMENT_EXPIRY, Duration.ofHours(3).toString());
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vcl.function-timeout", "1800s",
                "quarkus.log.category.\"io.github.vcl\".level", "WARN");
    }
}

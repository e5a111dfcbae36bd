package io.github.vcl.bench;

import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.DynamoCallCounter;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.TestClock;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Time moved by hand ({@link TestClock}, shared with the simulator so webhook dates and token expiry agree), quiet
 * logs; {@link Polling} without webhooks, {@link Webhooks} with them registered and the reconciler told so.
 */
public abstract class OrderLifeProfile extends FunctionProfile {

    @Override
    protected Map<String, String> worldConfig() {
        Map<String, String> config = new HashMap<>(Map.of(CheckoutWorld.SIMULATOR_TEST_CLOCK, "true",
                "quarkus.log.category.\"io.github.vcl\".level", "WARN"));
        config.putAll(mode());
        return config;
    }

    protected abstract Map<String, String> mode();

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TestClock.class);
    }

    /** The reconcile function's world: no webhook registered, the reconciler polls. */
    public static class Polling extends OrderLifeProfile {
        @Override
        protected String function() {
            return "reconcile";
        }

        @Override
        protected Map<String, String> mode() {
            return Map.of();
        }
    }

    /**
     * {@link CostBenchmarkTest}'s world: no webhooks, DynamoDB's capacity units measured, the status route's Vipps
     * polls at production's timing ({@code vcl.first-poll-after}, {@code vcl.poll-interval} as BackendConfig's
     * defaults; the test world sets them to 0). A long read timeout: on a loaded machine the simulator's first
     * answers (its OpenAPI validator warming up) can take longer than production's, and a retried session would
     * measure a failure, not an order.
     */
    public static class Cost extends Polling {
        @Override
        protected Map<String, String> mode() {
            return Map.of("quarkus.dynamodb.interceptors", DynamoCallCounter.class.getName() + ","
                    + CapacityMeter.class.getName(), "vcl.first-poll-after", "5s", "vcl.poll-interval", "2s",
                    "vipps.timeouts.read", "15s");
        }
    }

    /** The webhooks function's world: registered for every ePayment event, the reconciler told so. */
    public static class Webhooks extends OrderLifeProfile {
        @Override
        protected String function() {
            return "webhooks";
        }

        @Override
        protected Map<String, String> mode() {
            return Map.of("vcl.reconcile.webhooks", "registered");
        }
    }
}

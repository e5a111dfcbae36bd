package io.github.vcl.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** A test application exporting one function, as one Lambda does, inside a {@link CheckoutWorld}. */
public abstract class FunctionProfile implements QuarkusTestProfile {
    protected abstract String function();

    /** Configuration this profile's world sets besides the usual (e.g. shorter timeouts). */
    protected Map<String, String> worldConfig() {
        return Map.of();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        Map<String, String> args = new java.util.HashMap<>(worldConfig());
        args.put("function", function());
        return List.of(new TestResourceEntry(CheckoutWorld.class, args));
    }

    public static class Initiate extends FunctionProfile {
        @Override
        protected String function() {
            return "initiate";
        }
    }

    public static class Callback extends FunctionProfile {
        @Override
        protected String function() {
            return "callback";
        }
    }

    public static class Status extends FunctionProfile {
        @Override
        protected String function() {
            return "status";
        }
    }

    public static class Reconcile extends FunctionProfile {
        @Override
        protected String function() {
            return "reconcile";
        }
    }

    /** Capture, refund, cancel; Vipps' read timeout short, so a slow answer is a timeout within a test. */
    public static class Operations extends FunctionProfile {
        public static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(3);

        @Override
        protected String function() {
            return "operations";
        }

        @Override
        protected Map<String, String> worldConfig() {
            // The reconciler finishes an operation at once here; its grace period has a test of its own.
            return Map.of("vipps.timeouts.read", READ_TIMEOUT.toMillis() + "ms", "vcl.reconcile.operation-grace",
                    "0s");
        }
    }

    /** The webhooks function, registered at the simulator for every ePayment event. */
    public static class Webhooks extends FunctionProfile {
        @Override
        protected String function() {
            return "webhooks";
        }
    }

    public static class Support extends FunctionProfile {
        @Override
        protected String function() {
            return "support";
        }
    }

    /** The authorizer, its keys in a local Secrets Manager and time moved by hand ({@link TestClock}). */
    public static class Authorize extends FunctionProfile {
        @Override
        protected String function() {
            return "authorize";
        }

        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new java.util.ArrayList<>(super.testResources());
            resources.add(new TestResourceEntry(SecretsWorld.class));
            return resources;
        }

        @Override
        public java.util.Set<Class<?>> getEnabledAlternatives() {
            return java.util.Set.of(TestClock.class);
        }
    }

    /** Capture, refund, cancel with the reconciler's real grace period for operations in flight. */
    public static class OperationsWithGrace extends Operations {
        public static final java.time.Duration GRACE = java.time.Duration.ofSeconds(30);

        @Override
        protected Map<String, String> worldConfig() {
            return Map.of("vipps.timeouts.read", READ_TIMEOUT.toMillis() + "ms", "vcl.reconcile.operation-grace",
                    GRACE.toSeconds() + "s");
        }
    }

    /**
     * The reconciler in a short Lambda with slow Vipps answers: 1 s connect and read timeouts (an order's calls take
     * at most 2 s), a 9 s function (its run ends 5 s before: a 4 s run), two orders at a time in pages of five.
     */
    public static class SlowReconcile extends Reconcile {
        @Override
        protected Map<String, String> worldConfig() {
            return Map.of("vipps.timeouts.read", "1s", "vipps.timeouts.connect", "1s", "vcl.function-timeout", "9s",
                    "vcl.reconcile.concurrency", "2", "vcl.reconcile.page-size", "5");
        }
    }

    /** The reconciler where Checkout sessions last three seconds, so a payment can outlive its session. */
    public static class ShortSessions extends Reconcile {
        public static final java.time.Duration LIFETIME = java.time.Duration.ofSeconds(3);

        @Override
        protected Map<String, String> worldConfig() {
            return Map.of("vcl.session-lifetime", LIFETIME.toMillis() + "ms",
                    CheckoutWorld.SIMULATOR_SESSION_TTL, LIFETIME.toString());
        }
    }

    /** Initiate as a 9 s Lambda whose Vipps calls may take 3 s + 2 s each: only one fits before its answer is due. */
    public static class SlowInitiate extends Initiate {
        public static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(9);

        @Override
        protected Map<String, String> worldConfig() {
            return Map.of("vipps.timeouts.read", "3s", "vipps.timeouts.connect", "2s", "vcl.function-timeout",
                    TIMEOUT.toSeconds() + "s");
        }
    }

    public static class ReconcileAfterCrash extends Reconcile {
        @Override
        public java.util.Set<Class<?>> getEnabledAlternatives() {
            return java.util.Set.of(CrashingOrderStore.class);
        }
    }
}

package io.github.vcl.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** A test application exporting one function, as one Lambda does, inside a {@link CheckoutWorld}. */
public abstract class FunctionProfile implements QuarkusTestProfile {
    protected abstract String function();

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CheckoutWorld.class, Map.of("function", function())));
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

    public static class ReconcileAfterCrash extends Reconcile {
        @Override
        public java.util.Set<Class<?>> getEnabledAlternatives() {
            return java.util.Set.of(CrashingOrderStore.class);
        }
    }
}

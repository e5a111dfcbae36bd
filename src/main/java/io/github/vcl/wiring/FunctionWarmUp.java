package io.github.vcl.wiring;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Builds, while the function starts, what its first request would otherwise build: the exported function with the
 * services it injects (the DynamoDB client, its calls taken once up to sending and once more against canned answers:
 * {@code OrderStore.warmUp}; the Vipps REST clients), and only those — each Lambda still constructs just what its own
 * function needs. Nothing is sent anywhere.
 * <p>
 * It ends with a full garbage collection. On a JVM, the classes loaded while starting fill the metadata space up to
 * the point where the next few classes trigger a full collection ("Metadata GC Threshold"); left alone, that
 * collection fell into the first request (about 37 ms of a 74 ms first {@code status} request, measured with JFR by
 * the cold-start benchmark, docs/benchmarks.md). Collected here, the limit is raised with room to spare, and the
 * pause is paid while the function starts.
 */
@ApplicationScoped
public class FunctionWarmUp {
    private static final Logger LOG = Logger.getLogger(FunctionWarmUp.class);

    void atStart(@Observes StartupEvent start, @ConfigProperty(name = "quarkus.funqy.export") Optional<String> export) {
        FunctionInvoker invoker = export.map(FunctionRecorder.registry::matchInvoker).orElse(null);
        if (invoker == null) {
            return;
        }
        try (InstanceHandle<?> function = Arc.container().instance(invoker.getTargetClass())) {
            function.get();
        } catch (RuntimeException e) {
            // What fails here fails again, and is answered as before, in the first request.
            LOG.debugf("warming up %s failed: %s", invoker.getName(), e);
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            // not in @QuarkusTest, where the heap is the whole test run's and a full collection only slows the suite
            System.gc();
        }
    }
}

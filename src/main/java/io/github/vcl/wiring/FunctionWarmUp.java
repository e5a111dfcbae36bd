package io.github.vcl.wiring;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Builds, while the function starts, what its first request would otherwise build: the exported function with the
 * services it injects (the DynamoDB client warmed by a dry run, the Vipps REST clients), and only those — each Lambda
 * still constructs just what its own function needs. Nothing is sent anywhere.
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
    }
}

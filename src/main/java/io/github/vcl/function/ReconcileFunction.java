package io.github.vcl.function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.vcl.reconcile.ReconcileService;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The reconciler, triggered by an EventBridge schedule in AWS ({@link LocalReconcileSchedule} where no EventBridge
 * exists). Both start the same {@link ReconcileRun}.
 */
public class ReconcileFunction {
    private static final Logger LOG = Logger.getLogger(ReconcileFunction.class);

    @Inject
    ReconcileRun reconciler;

    /** The EventBridge scheduled-rule event; only its id and time are read (for the log). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScheduledEvent(String id, @JsonProperty("detail-type") String detailType, String source,
                                 String time) {
    }

    @Funq("reconcile")
    public ReconcileService.Summary reconcile(ScheduledEvent event) {
        LOG.infof("reconcile triggered by %s event %s at %s", event == null ? "-" : event.source(),
                event == null ? "-" : event.id(), event == null ? "-" : event.time());
        return reconciler.run();
    }
}

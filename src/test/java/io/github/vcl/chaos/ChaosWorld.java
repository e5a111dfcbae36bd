package io.github.vcl.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.LocalSystem;
import io.github.vcl.local.lambda.LocalLambdas;
import io.github.vcl.local.simulator.SimulatorOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system under chaos: the local system as {@code ./mvnw -Plocal} starts it (function JVMs under the runtime
 * interface client behind the local API Gateway), with a fault proxy in front of dynalite, short Vipps lifetimes, the
 * reconciler off its timer (the harness invokes it with an EventBridge event through the Lambda Runtime API, as the
 * schedule does in AWS, and counts the runs), and every invocation remembered by API Gateway request id, so each 5xx
 * a client saw can be traced to what the Lambda service saw (a kill, a timeout, an answer of our code).
 */
final class ChaosWorld implements AutoCloseable {
    /** Functions behind interactive routes get several instances; the reconciler runs one at a time, as in AWS. */
    private static final Set<String> SCALED = Set.of("initiate", "status", "callback", "webhooks", "operations");

    final ChaosSettings settings;
    final LocalSystem system;
    final Api api;
    private final Map<String, LocalLambdas.Invocation> invocations = new ConcurrentHashMap<>();
    private final java.util.Queue<LocalLambdas.Invocation> all = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger reconcileRuns = new AtomicInteger();
    private final AtomicInteger reconcileFailures = new AtomicInteger();
    private final String scheduledEvent;

    private ChaosWorld(ChaosSettings settings, Path projectDir) {
        this.settings = settings;
        SimulatorOptions simulator = SimulatorOptions.defaults()
                .withSessionTtl(settings.sessionLifetime())
                .withPaymentExpiry(settings.paymentWindow())
                // Vipps counts 5 modifications per reference and minute; a retry storm the harness itself caused
                // would lock a payment for a minute and make "converged after the faults stopped" a statement about
                // that minute. 429 handling is exercised by injected 429s with Retry-After instead.
                .withRateLimits(30, 120)
                .withDeliveryLanes(8);
        this.system = LocalSystem.start(LocalSystem.Options.defaults(projectDir)
                .withLogs(projectDir.resolve("target/chaos"))
                .withSimulator(simulator)
                .withReconcileEvery("off")
                .withDynamoProxy(true)
                .withWebhooks(settings.webhooks())
                .withInstances(f -> instances(f, settings.instances()))
                .withMaxInstances(f -> instances(f, settings.maxInstances()))
                .withEnvironment(settings.functionEnvironment())
                .withListener(i -> {
                    invocations.put(i.requestId(), i);
                    all.add(i);
                }));
        this.api = new Api(system.apiUrl(), URI.create(system.simulator().baseUrl()));
        try (InputStream in = ChaosWorld.class.getResourceAsStream("/lambda-events/eventbridge-scheduled.json")) {
            scheduledEvent = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Initiate does the most per request (claims, the order, the session): one instance more than the others. */
    private static int instances(String function, int count) {
        return function.equals("initiate") ? count + 1 : SCALED.contains(function) ? count : 1;
    }

    static ChaosWorld start(ChaosSettings settings, Path projectDir) {
        return new ChaosWorld(settings, projectDir);
    }

    /** What the Lambda service saw for a request id, if the request reached a function. */
    LocalLambdas.Invocation invocation(String requestId) {
        return requestId == null ? null : invocations.get(requestId);
    }

    /**
     * One reconcile run, triggered as EventBridge does: a scheduled event to the reconcile function through its
     * Lambda Runtime API. Returns the run's summary, or null when the invocation failed (e.g. its JVM was killed).
     */
    JsonNode reconcile() {
        reconcileRuns.incrementAndGet();
        try {
            ObjectNode event = (ObjectNode) Api.JSON.readTree(scheduledEvent);
            event.put("id", UUID.randomUUID().toString());
            event.put("time", Instant.now().toString());
            LocalLambdas.Answer answer = system.lambdas().call(LocalSystem.RECONCILE,
                    Api.JSON.writeValueAsString(event));
            if (answer.outcome() != LocalLambdas.Outcome.ANSWERED) {
                reconcileFailures.incrementAndGet();
                return null;
            }
            return Api.JSON.readTree(answer.body());
        } catch (IOException e) {
            reconcileFailures.incrementAndGet();
            return null;
        }
    }

    /** Every invocation so far. */
    java.util.List<LocalLambdas.Invocation> invocations() {
        return java.util.List.copyOf(all);
    }

    int reconcileRuns() {
        return reconcileRuns.get();
    }

    int reconcileFailures() {
        return reconcileFailures.get();
    }

    @Override
    public void close() {
        system.close();
    }
}

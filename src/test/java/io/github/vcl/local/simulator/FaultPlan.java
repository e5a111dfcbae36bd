package io.github.vcl.local.simulator;

import io.github.vcl.local.simulator.delivery.DeliveryFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults planned by a test: error answers and slow answers per operation (and optionally per reference), and
 * dropped, doubled or reordered callbacks and webhooks.
 *
 * <pre>
 * sim.faults().on(Operation.CAPTURE).forReference(ref).respond(503).times(2);
 * sim.faults().on(Operation.GET_PAYMENT).respond(429).retryAfter(Duration.ofSeconds(2)).times(1);
 * sim.faults().on(Operation.CAPTURE).delay(Duration.ofSeconds(3)).times(1);   // processed, answered late
 * sim.faults().callbacks().dropNext(1);
 * sim.faults().webhooks().reorderNext(2);
 * </pre>
 */
public final class FaultPlan {

    /** One planned fault; applies every time until {@link #times(int)} limits it. */
    public static final class Rule {
        private final Operation operation;
        private String reference;
        private int status;
        private Duration retryAfter;
        private Duration delay = Duration.ZERO;
        private int remaining = Integer.MAX_VALUE;

        private Rule(Operation operation) {
            this.operation = operation;
        }

        /** Only requests for this payment/session/order reference. */
        public Rule forReference(String value) {
            this.reference = value;
            return this;
        }

        /** Answer with this status (e.g. 500, 502, 503, 429) without processing the request. */
        public Rule respond(int value) {
            this.status = value;
            return this;
        }

        /** Add a {@code Retry-After} header (whole seconds) to the error answer. */
        public Rule retryAfter(Duration value) {
            this.retryAfter = value;
            return this;
        }

        /**
         * Hold the answer this long. Without {@link #respond(int)} the request is processed first, so a client with a
         * shorter timeout sees a timeout although the operation happened; with it, the error answer comes late.
         */
        public Rule delay(Duration value) {
            this.delay = value;
            return this;
        }

        public Rule times(int value) {
            this.remaining = value;
            return this;
        }

        int status() {
            return status;
        }

        Optional<Duration> retryAfterValue() {
            return Optional.ofNullable(retryAfter);
        }

        Duration delayValue() {
            return delay;
        }

        private boolean matches(Operation candidate, String candidateReference) {
            return remaining > 0 && operation == candidate
                    && (reference == null || reference.equals(candidateReference));
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final DeliveryFaults callbacks = new DeliveryFaults();
    private final DeliveryFaults webhooks = new DeliveryFaults();

    public synchronized Rule on(Operation operation) {
        Rule rule = new Rule(operation);
        rules.add(rule);
        return rule;
    }

    public DeliveryFaults callbacks() {
        return callbacks;
    }

    public DeliveryFaults webhooks() {
        return webhooks;
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** The first planned fault for this request, counted as used. */
    synchronized Optional<Rule> take(Operation operation, String reference) {
        for (Rule rule : rules) {
            if (rule.matches(operation, reference)) {
                rule.remaining--;
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}

package io.github.vcl.local.simulator;

import io.github.vcl.local.simulator.delivery.DeliveryFaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Faults planned by a test: error answers and slow answers per operation (and optionally per reference), and
 * dropped, doubled or reordered callbacks and webhooks.
 *
 * <pre>
 * sim.faults().on(Operation.CAPTURE).forReference(ref).respond(503).times(2);
 * sim.faults().on(Operation.GET_PAYMENT).respond(429).retryAfter(Duration.ofSeconds(2)).times(1);
 * sim.faults().on(Operation.CAPTURE).delay(Duration.ofSeconds(3)).times(1);   // processed, answered late
 * sim.faults().on(Operation.CAPTURE).forReference(ref).delay(Duration.ofSeconds(3))
 *         .whenApplied(request -> crashTheCaller()).times(1);               // act after Vipps applied it
 * sim.faults().callbacks().dropNext(1);
 * sim.faults().webhooks().reorderNext(2);
 * sim.faults().chooser((operation, reference, request) -> ...);           // decided per request (chaos tests)
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
        private Predicate<RecordedRequest> when = r -> true;
        private Consumer<RecordedRequest> whenApplied = r -> { };

        private Rule(Operation operation) {
            this.operation = operation;
        }

        /** Only requests this picks (e.g. by their body). */
        public Rule when(Predicate<RecordedRequest> value) {
            this.when = value;
            return this;
        }

        /**
         * Runs once the request was processed, before its (delayed) answer is sent: the change has happened at Vipps
         * and the caller has not heard of it yet. Only for rules without {@link #respond(int)}.
         */
        public Rule whenApplied(Consumer<RecordedRequest> value) {
            this.whenApplied = value;
            return this;
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

        void applied(RecordedRequest request) {
            if (status == 0) {
                whenApplied.accept(request);
            }
        }

        /** {@code 503}, {@code 429}, … for error answers; {@code late answer} for a processed request answered late. */
        String kind() {
            return status != 0 ? Integer.toString(status) : delay.isZero() ? "none" : "late answer";
        }

        private boolean matches(Operation candidate, String candidateReference, RecordedRequest request) {
            return remaining > 0 && operation == candidate
                    && (reference == null || reference.equals(candidateReference)) && when.test(request);
        }
    }

    /** Decides per request whether it gets a fault, for tests that plan faults by chance rather than by count. */
    @FunctionalInterface
    public interface Chooser {
        /** A rule made with {@link FaultPlan#rule(Operation)}, or empty for an ordinary answer. */
        Optional<Rule> choose(Operation operation, String reference, RecordedRequest request);
    }

    private final List<Rule> rules = new ArrayList<>();
    private final DeliveryFaults callbacks = new DeliveryFaults();
    private final DeliveryFaults webhooks = new DeliveryFaults();
    private final Map<String, Long> injected = new TreeMap<>();
    private Chooser chooser;

    public synchronized Rule on(Operation operation) {
        Rule rule = new Rule(operation);
        rules.add(rule);
        return rule;
    }

    /** A rule that is not part of the plan, for a {@link Chooser} to hand back. */
    public static Rule rule(Operation operation) {
        return new Rule(operation);
    }

    /** Consulted for every request no planned rule matches; {@code null} removes it. */
    public synchronized void chooser(Chooser value) {
        this.chooser = value;
    }

    /** How many requests got each kind of fault so far ({@code 503}, {@code 429}, {@code late answer}, …). */
    public synchronized Map<String, Long> injected() {
        return new TreeMap<>(injected);
    }

    public DeliveryFaults callbacks() {
        return callbacks;
    }

    public DeliveryFaults webhooks() {
        return webhooks;
    }

    /** Forgets every planned rule and the chooser (planned callback and webhook faults stay). */
    public synchronized void clear() {
        rules.clear();
        chooser = null;
    }

    /** The first planned fault for this request, counted as used; else what the chooser picks. */
    synchronized Optional<Rule> take(Operation operation, String reference, RecordedRequest request) {
        Optional<Rule> taken = Optional.empty();
        for (Rule rule : rules) {
            if (rule.matches(operation, reference, request)) {
                rule.remaining--;
                taken = Optional.of(rule);
                break;
            }
        }
        if (taken.isEmpty() && chooser != null) {
            taken = chooser.choose(operation, reference, request);
        }
        taken.ifPresent(rule -> injected.merge(rule.kind(), 1L, Long::sum));
        return taken;
    }
}

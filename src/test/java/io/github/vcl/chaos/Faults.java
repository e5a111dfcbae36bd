package io.github.vcl.chaos;

import io.github.vcl.local.dynamodb.DynamoProxy;
import io.github.vcl.local.simulator.FaultPlan;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of a chaos run, all decided by the seed: Vipps calls answered 5xx, 429 with {@code Retry-After}, or
 * processed and answered after our read timeout (the change happened, we heard nothing); DynamoDB calls throttled or
 * failed with 500; Checkout callbacks and ePayment webhooks dropped, duplicated, reordered or late. Which Vipps call
 * fails is decided per (operation, reference, n-th call), so a seed picks the same calls again whatever the thread
 * timing.
 */
final class Faults {
    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};

    private final ChaosSettings settings;
    private final VippsSimulator simulator;
    private final DynamoProxy dynamo;
    private final Map<String, AtomicInteger> callsSoFar = new ConcurrentHashMap<>();
    private final AtomicLong dynamoCalls = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();
    private ScheduledExecutorService callbacks;

    Faults(ChaosSettings settings, VippsSimulator simulator, DynamoProxy dynamo) {
        this.settings = settings;
        this.simulator = simulator;
        this.dynamo = dynamo;
    }

    void start() {
        simulator.faults().chooser(this::vipps);
        dynamo.faults(this::dynamo);
        callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chaos-callback-faults");
            t.setDaemon(true);
            return t;
        });
        callbacks.scheduleAtFixedRate(this::planCallbacks, 500, 1500, TimeUnit.MILLISECONDS);
    }

    /** Every fault ends: Vipps answers normally, DynamoDB too, held callbacks go out (late ones when due). */
    void stop() {
        if (callbacks != null) {
            callbacks.shutdownNow();
        }
        simulator.stopFaults();
        dynamo.stopFaults();
    }

    private Optional<FaultPlan.Rule> vipps(Operation operation, String reference, RecordedRequest request) {
        int n = callsSoFar.computeIfAbsent(operation + " " + reference, k -> new AtomicInteger()).incrementAndGet();
        Random random = new Random(Seeds.mix(settings.seed(), operation.ordinal(), Seeds.of(reference), n));
        if (random.nextDouble() >= settings.vippsFaultRate()) {
            return Optional.empty();
        }
        double kind = random.nextDouble();
        if (kind < 0.45) {
            return Optional.of(FaultPlan.rule(operation).respond(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)]));
        }
        if (kind < 0.70) {
            return Optional.of(FaultPlan.rule(operation).respond(429).retryAfter(Duration.ofSeconds(1)));
        }
        // processed, answered after our read timeout: the caller never hears that it happened
        return Optional.of(FaultPlan.rule(operation).delay(settings.vippsReadTimeout().plusMillis(600)));
    }

    private Optional<DynamoProxy.Fault> dynamo(DynamoProxy.Request request) {
        Random random = new Random(Seeds.mix(settings.seed(), 7, dynamoCalls.incrementAndGet(), 0));
        if (random.nextDouble() >= settings.dynamoFaultRate()) {
            return Optional.empty();
        }
        double kind = random.nextDouble();
        return Optional.of(kind < 0.45 ? DynamoProxy.Fault.PROVISIONED_THROUGHPUT_EXCEEDED
                : kind < 0.8 ? DynamoProxy.Fault.THROTTLING : DynamoProxy.Fault.INTERNAL_SERVER_ERROR);
    }

    private void planCallbacks() {
        long tick = ticks.incrementAndGet();
        plan(simulator.faults().callbacks(), new Random(Seeds.mix(settings.seed(), 11, tick, 0)));
        plan(simulator.faults().webhooks(), new Random(Seeds.mix(settings.seed(), 13, tick, 0)));
    }

    private static void plan(io.github.vcl.local.simulator.delivery.DeliveryFaults faults, Random random) {
        if (random.nextDouble() < 0.25) {
            faults.dropNext(1);
        }
        if (random.nextDouble() < 0.25) {
            faults.duplicateNext(1);
        }
        if (random.nextDouble() < 0.15) {
            faults.reorderNext(2);
        }
        if (random.nextDouble() < 0.25) {
            faults.delayNext(1, Duration.ofMillis(2000 + random.nextInt(6000)));
        }
    }

    /** Faults injected so far, by where and kind. */
    Map<String, Long> injected() {
        Map<String, Long> all = new TreeMap<>();
        simulator.faults().injected().forEach((kind, n) -> all.put("Vipps " + kind, n));
        dynamo.injected().forEach((kind, n) -> all.put("DynamoDB " + kind, n));
        simulator.faults().callbacks().applied().forEach((kind, n) -> all.put("callback " + kind, n));
        simulator.faults().webhooks().applied().forEach((kind, n) -> all.put("webhook " + kind, n));
        return all;
    }
}

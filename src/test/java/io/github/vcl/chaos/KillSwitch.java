package io.github.vcl.chaos;

import io.github.vcl.local.LocalSystem;
import io.github.vcl.local.lambda.LocalLambdas;
import io.github.vcl.local.simulator.Operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIGKILLs function JVMs at the two moments that matter for money: after Vipps applied a change but before the function
 * heard of it (the simulator processes the request, then holds its answer while the JVM waiting for it is killed), and
 * after our DynamoDB write but before the function answered (the proxy forwards the write, then holds the table's
 * answer while the JVM is killed). An actor about to send a request offers the moment; the switch arms a kill with a
 * chance that spreads the wanted number of kills over the run, at most two armed at a time, at the moment that has
 * had fewer kills so far (a coin decides a tie), so that even a short run kills at both; payments being started take
 * at most half the kills, leaving the rest to captures, refunds and cancels.
 */
final class KillSwitch {
    /** When the JVM dies. */
    enum Moment { VIPPS_APPLIED, DYNAMO_WRITTEN }

    /** One kill: which function's JVM, at which moment, while running which request. */
    record Kill(Moment moment, String function, String target, String requestId) {
    }

    private record Armed(long at, Moment moment, boolean initiate) {
    }

    private static final Duration HOLD = Duration.ofSeconds(3);
    private static final long STALE_MILLIS = 30_000;
    private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\\{\\s*\"S\"\\s*:\\s*\"([^\"]+)\"");
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
            "BatchWriteItem");

    private final ChaosWorld world;
    private final int wanted;
    private final double chance;
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final List<Armed> armed = new ArrayList<>();
    private final List<String> misses = new CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;
    private int offers;

    KillSwitch(ChaosWorld world, ChaosSettings settings) {
        this.world = world;
        this.wanted = settings.kills();
        this.chance = Math.min(0.5, Math.max(0.03, 3.0 * settings.kills() / Math.max(1, settings.orders())));
    }

    /** No more kills (the faults stop). */
    void disable() {
        enabled = false;
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    /** Armed kills whose moment came while no matching invocation was running (nothing was killed). */
    List<String> misses() {
        return List.copyOf(misses);
    }

    /** Every API Gateway request id whose invocation the harness killed. */
    Set<String> killedRequestIds() {
        Set<String> ids = new HashSet<>();
        kills.forEach(k -> ids.add(k.requestId()));
        return ids;
    }

    /** The shop is about to start a payment for {@code shopOrderId}, which creates it at Vipps with {@code create}. */
    void offerInitiate(Random random, String shopOrderId, Operation create) {
        Moment moment = arm(random, true);
        if (moment == Moment.VIPPS_APPLIED) {
            world.system.simulator().faults().on(create)
                    .when(r -> r.bodyText().contains(shopOrderId)).delay(HOLD)
                    .whenApplied(r -> kill(moment, "initiate", shopOrderId)).times(1);
        } else if (moment == Moment.DYNAMO_WRITTEN) {
            holdWrite(moment, "initiate", shopOrderId, shopOrderId, 2 + random.nextInt(2));
        }
    }

    /** Staff or shop is about to send a capture, refund or cancel for {@code reference}. */
    void offerOperation(Random random, String reference, Operation vippsOperation) {
        Moment moment = arm(random, false);
        String needle = "/orders/" + reference + "/";
        if (moment == Moment.VIPPS_APPLIED) {
            world.system.simulator().faults().on(vippsOperation).forReference(reference).delay(HOLD)
                    .whenApplied(r -> kill(moment, "operations", needle)).times(1);
        } else if (moment == Moment.DYNAMO_WRITTEN) {
            holdWrite(moment, "operations", needle, reference, 1 + random.nextInt(2));
        }
    }

    /** Decides whether to arm a kill now, and for which moment; null for none. */
    private synchronized Moment arm(Random random, boolean initiate) {
        double draw = random.nextDouble();
        boolean coin = random.nextBoolean();
        offers++;
        long now = System.currentTimeMillis();
        armed.removeIf(a -> now - a.at() > STALE_MILLIS);
        long initiates = kills.stream().filter(k -> k.function().equals("initiate")).count()
                + armed.stream().filter(Armed::initiate).count();
        if (!enabled || kills.size() + armed.size() >= wanted || armed.size() >= 2 || draw >= chance
                || initiate && 2 * initiates >= wanted) {
            return null;
        }
        long vipps = uses(Moment.VIPPS_APPLIED);
        long dynamo = uses(Moment.DYNAMO_WRITTEN);
        Moment moment = vipps < dynamo || vipps == dynamo && coin ? Moment.VIPPS_APPLIED : Moment.DYNAMO_WRITTEN;
        armed.add(new Armed(now, moment, initiate));
        return moment;
    }

    /** Kills done and kills armed at this moment. */
    private long uses(Moment moment) {
        return kills.stream().filter(k -> k.moment() == moment).count()
                + armed.stream().filter(a -> a.moment() == moment).count();
    }

    private synchronized void fired(Moment moment, boolean initiate) {
        armed.stream().filter(a -> a.moment() == moment && a.initiate() == initiate).findFirst()
                .ifPresent(armed::remove);
    }

    /**
     * Holds the answer to the {@code nth} write that names the target (the shop order id, or the reference learnt
     * from a write that names it), while an invocation of {@code function} for that target is running, and kills
     * that invocation's JVM.
     */
    private void holdWrite(Moment moment, String function, String needle, String identifier, int nth) {
        Set<String> identifiers = new HashSet<>(List.of(identifier));
        int[] seen = {0};
        world.system.dynamoProxy().holdNext(request -> {
            if (!enabled || !WRITES.contains(request.action())
                    || identifiers.stream().noneMatch(request.body()::contains)) {
                return false;
            }
            Matcher reference = REFERENCE.matcher(request.body());
            if (reference.find()) {
                identifiers.add(reference.group(1));
            }
            boolean running = world.system.lambdas().inFlight().stream()
                    .anyMatch(f -> f.function().equals(function) && f.event().contains(needle));
            return running && ++seen[0] == nth;
        }, HOLD, request -> kill(moment, function, needle));
    }

    private void kill(Moment moment, String function, String needle) {
        if (!enabled) {
            return;
        }
        List<LocalLambdas.InFlight> killed = world.system.lambdas()
                .killWhere(f -> f.function().equals(function) && f.event().contains(needle));
        if (killed.isEmpty() && function.equals("operations")) {
            // the reconciler re-sends operations a crash left in flight: then it is the one waiting for Vipps
            killed = world.system.lambdas().killWhere(f -> f.function().equals(LocalSystem.RECONCILE));
        }
        fired(moment, function.equals("initiate"));
        if (killed.isEmpty()) {
            misses.add(moment + " " + function + " " + needle);
        }
        killed.forEach(f -> kills.add(new Kill(moment, f.function(), needle, f.requestId())));
    }

    int offers() {
        return offers;
    }
}

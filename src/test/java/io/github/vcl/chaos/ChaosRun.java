package io.github.vcl.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One chaos run, in phases: start the system; drive every shop order's actors concurrently while the faults run and
 * the harness invokes the reconciler now and then; stop every fault; let lost answers be asked again with their key;
 * wait until every payment is final at Vipps and late callbacks are out; invoke the reconciler until our table equals
 * Vipps' ledger (counting the runs); then judge ({@link Verdict}).
 */
final class ChaosRun {
    private final ChaosSettings settings;
    private final Path projectDir;
    private final PrintStream out;
    private final Journal journal = new Journal();
    private final ExecutorService helpers = Executors.newCachedThreadPool(daemon("chaos-helper"));
    private ChaosWorld world;
    private KillSwitch kills;

    /** The reconcile runs after the faults stopped, and whether and when our table equalled Vipps'. */
    record Convergence(int runsNeeded, int runsTried, List<String> differences, List<JsonNode> summaries) {
        boolean converged() {
            return runsNeeded >= 0;
        }
    }

    /** What the phases measured, for the verdict. */
    record Measured(Map<String, Duration> phases, Duration chaos, int reconcileRunsDuringChaos,
                    int reconcileFailuresDuringChaos, int vippsCallsUnderFaults,
                    Map<String, Long> injected, List<RecordedRequest> vippsRequests, int leftoversAsked,
                    Convergence convergence) {
    }

    ChaosRun(ChaosSettings settings, Path projectDir, PrintStream out) {
        this.settings = settings;
        this.projectDir = projectDir;
        this.out = out;
    }

    ChaosSettings settings() {
        return settings;
    }

    Journal journal() {
        return journal;
    }

    ChaosWorld world() {
        return world;
    }

    KillSwitch kills() {
        return kills;
    }

    ExecutorService helpers() {
        return helpers;
    }

    /** Runs every phase and judges; the system is stopped before this returns. */
    Verdict run() {
        out.printf("[chaos] seed %d, %d orders, %d instances per function; reproduce with: %s%n", settings.seed(),
                settings.orders(), settings.instances(), settings.reproduce());
        long begin = System.nanoTime();
        Map<String, Duration> phases = new java.util.LinkedHashMap<>();
        world = ChaosWorld.start(settings, projectDir);
        phases.put("start the system", Duration.ofNanos(System.nanoTime() - begin));
        try {
            out.printf("[chaos] system up in %d ms: API %s%n", (System.nanoTime() - begin) / 1_000_000,
                    world.system.apiUrl());
            kills = new KillSwitch(world, settings);
            Faults faults = new Faults(settings, world.system.simulator(), world.system.dynamoProxy());
            Instant chaosStart = Instant.now();
            faults.start();
            AtomicBoolean chaos = new AtomicBoolean(true);
            Thread ticker = new Thread(() -> {
                while (chaos.get()) {
                    sleepQuietly(settings.reconcileEvery());
                    if (chaos.get()) {
                        world.reconcile();
                    }
                }
            }, "chaos-reconcile-schedule");
            ticker.setDaemon(true);
            ticker.start();
            drive();
            chaos.set(false);
            ticker.join();
            int runsDuringChaos = world.reconcileRuns();
            int failuresDuringChaos = world.reconcileFailures();
            kills.disable();
            faults.stop();
            kills.kills().forEach(k -> journal.notes.add("KILL " + k));
            kills.misses().forEach(m -> journal.notes.add("KILL MISSED " + m));
            Duration chaosTime = Duration.between(chaosStart, Instant.now());
            Map<String, Long> injected = faults.injected();
            int vippsCallsUnderFaults = (int) world.system.simulator().requests().stream()
                    .filter(r -> !r.path().startsWith("/checkout-frontend")).count();
            out.printf("[chaos] faults stopped after %d s: %s; kills %d%n", chaosTime.toSeconds(), injected,
                    kills.kills().size());
            phases.put("orders under faults", chaosTime);
            Instant mark = Instant.now();
            int leftovers = askLeftoversAgain();
            phases.put("lost answers asked again", Duration.between(mark, mark = Instant.now()));
            awaitVippsWindows();
            phases.put("Vipps windows, late callbacks, operation grace", Duration.between(mark, mark = Instant.now()));
            Convergence convergence = converge();
            phases.put("reconcile until equal", Duration.between(mark, Instant.now()));
            List<RecordedRequest> vippsRequests = world.system.simulator().requests().stream()
                    .filter(r -> !r.path().startsWith("/checkout-frontend")).toList();
            out.printf("[chaos] converged: %s after %d of %d reconcile runs%n", convergence.converged(),
                    convergence.runsNeeded(), convergence.runsTried());
            Measured measured = new Measured(phases, chaosTime, runsDuringChaos, failuresDuringChaos,
                    vippsCallsUnderFaults, injected,
                    vippsRequests,
                    leftovers, convergence);
            mark = Instant.now();
            Verdict verdict = Verdict.judge(this, measured);
            phases.put("checks", Duration.between(mark, Instant.now()));
            out.printf("[chaos] phases: %s%n", phases.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toSeconds() + " s").toList());
            return verdict;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            helpers.shutdownNow();
            world.close();
        }
    }

    /** Every shop order's actors, concurrently; returns when all have finished. */
    private void drive() throws InterruptedException {
        ExecutorService actors = Executors.newFixedThreadPool(Math.min(settings.orders(), 400), daemon("chaos-actor"));
        for (int i = 0; i < settings.orders(); i++) {
            actors.execute(new OrderActor(this, i));
        }
        actors.shutdown();
        long limit = settings.ramp().toSeconds() + 600;
        if (!actors.awaitTermination(limit, TimeUnit.SECONDS)) {
            actors.shutdownNow();
            throw new IllegalStateException("the actors did not finish within " + limit + " s");
        }
    }

    /**
     * With the faults gone, a client that never got an answer asks again with the same key and body, as it would
     * (what it gets back is what the first request did).
     */
    private int askLeftoversAgain() throws InterruptedException {
        List<Journal.Intent> open = journal.intents.stream().filter(i -> i.definitive() == null).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8, daemon("chaos-leftovers"));
        open.forEach(intent -> pool.execute(() -> askAgain(intent)));
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        return open.size();
    }

    private void askAgain(Journal.Intent intent) {
        String path = intent.type.equals("initiate") ? "checkout/sessions"
                : "orders/" + intent.reference + "/" + intent.type;
        Map<String, String> headers = Map.of("Authorization", "Bearer " + (intent.actor.equals("shop")
                ? world.system.shopKey() : world.system.staffKey()), "Idempotency-Key", intent.key);
        for (int attempt = 0; attempt < 5 && intent.definitive() == null; attempt++) {
            Api.Reply reply = world.api.post(path, headers, intent.body, Duration.ofSeconds(30));
            intent.replies.add(reply);
            if (reply.answered() && reply.status() >= 500) {
                journal.serverErrors.add(new Journal.ServerError(intent.type + " (asked again)", reply.status(),
                        reply.problem(), reply.requestId(), reply.body()));
            }
            if (intent.definitive() == null) {
                sleepQuietly(reply.retryAfter().orElse(Duration.ofSeconds(1)));
            }
        }
        if (intent.type.equals("initiate")) {
            Journal.ShopOrder order = journal.orders.get(intent.order);
            intent.references().stream().filter(r -> !order.references.contains(r)).forEach(order.references::add);
        }
    }

    /**
     * Until nothing can change by itself any more: every Vipps window over, late callbacks delivered, and the last
     * operation past the grace the reconciler leaves the call that recorded it.
     */
    private void awaitVippsWindows() {
        Instant last = world.system.simulator().ledger().values().stream()
                .filter(p -> p.state() == io.github.vcl.local.simulator.epayment.SimulatedPayment.State.CREATED)
                .map(PaymentSnapshot::expiresAt).max(Instant::compareTo).orElse(Instant.now()).plusSeconds(1);
        Instant graceOver = Instant.ofEpochMilli(journal.lastOperationSent.get()).plus(settings.operationGrace())
                .plusSeconds(1);
        Instant until = Instant.now().plusSeconds(10);
        until = last.isAfter(until) ? last : until;
        until = graceOver.isAfter(until) ? graceOver : until;
        out.printf("[chaos] waiting %d s for the last Vipps windows, late callbacks and operation grace%n",
                Duration.between(Instant.now(), until).toSeconds());
        sleepQuietly(Duration.between(Instant.now(), until));
        world.system.simulator().expireDue();
    }

    /** Reconcile runs until our table equals Vipps' ledger, at most {@code maxConvergenceRuns}. */
    private Convergence converge() {
        List<JsonNode> summaries = new ArrayList<>();
        List<String> differences = List.of();
        for (int run = 0; run <= settings.maxConvergenceRuns(); run++) {
            if (run > 0) {
                summaries.add(world.reconcile());
            }
            differences = StoredOrders.differences(stored(), world.system.simulator().ledger());
            if (differences.isEmpty()) {
                return new Convergence(run, run, differences, summaries);
            }
        }
        return new Convergence(-1, settings.maxConvergenceRuns(), differences, summaries);
    }

    Map<String, StoredOrders.Stored> stored() {
        return StoredOrders.read(world.system.dynalite().endpoint(), shopOrderPrefix());
    }

    String shopOrderPrefix() {
        return "chaos-" + Long.toString(settings.seed(), 36) + "-";
    }

    static void sleepQuietly(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

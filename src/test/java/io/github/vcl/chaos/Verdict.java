package io.github.vcl.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.lambda.LocalLambdas;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.epayment.PaymentEvent;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;
import io.github.vcl.local.simulator.epayment.SimulatedPayment;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The judgement of a chaos run: each invariant with its numbers and its first offending orders, the coverage the run
 * reached (so a pass means something), and the figures of the result table.
 */
final class Verdict {
    private static final int EXAMPLES = 8;
    private static final Pattern REFERENCE_IN_PATH = Pattern.compile(
            "^/(?:checkout/v3/session|epayment/v1/payments|epayment/v1/test/payments|order-management/v2/[^/]+"
                    + "(?:/receipts|/categories)?)/([^/]+)");
    private static final Pattern REASON_KEY = Pattern.compile("^chaos (misuse )?(\\S+)$");

    /** One invariant or coverage condition. */
    record Check(String name, boolean passed, String numbers, List<String> examples) {
    }

    final ChaosSettings settings;
    final ChaosRun.Measured measured;
    final List<Check> invariants = new ArrayList<>();
    final List<Check> coverage = new ArrayList<>();
    /** Figures for the result table, in order: section → (label → value). */
    final Map<String, Map<String, String>> figures = new LinkedHashMap<>();

    private Verdict(ChaosSettings settings, ChaosRun.Measured measured) {
        this.settings = settings;
        this.measured = measured;
    }

    boolean passed() {
        return invariants.stream().allMatch(Check::passed) && coverage.stream().allMatch(Check::passed);
    }

    static Verdict judge(ChaosRun run, ChaosRun.Measured measured) {
        Verdict verdict = new Verdict(run.settings(), measured);
        Journal journal = run.journal();
        ChaosWorld world = run.world();
        Map<String, PaymentSnapshot> ledger = world.system.simulator().ledger();
        Map<String, StoredOrders.Stored> stored = run.stored();

        verdict.ordersLost(journal, ledger, stored);
        verdict.moneyOnce(journal, ledger, stored);
        verdict.keysWithAnotherBody(journal);
        verdict.sameKeySameAnswer(journal, stored);
        verdict.stateEqualsVipps(stored, ledger);
        verdict.returnPages(world, ledger);
        verdict.onePaymentPerShopOrder(journal, ledger, stored);
        verdict.convergence(measured.convergence());
        verdict.noBare500(world, run.kills(), journal);
        verdict.contract(world);
        verdict.coverage(run.kills(), measured);
        verdict.figures(run, journal, ledger, stored);
        return verdict;
    }

    // ---- invariants --------------------------------------------------------------------------------------------

    private void ordersLost(Journal journal, Map<String, PaymentSnapshot> ledger,
                            Map<String, StoredOrders.Stored> stored) {
        List<String> lost = new ArrayList<>();
        int answered = 0;
        for (Journal.Intent intent : journal.intents) {
            if (intent.type.equals("initiate") && intent.misuseOf == null) {
                for (String reference : intent.references()) {
                    answered++;
                    if (!stored.containsKey(reference)) {
                        lost.add(reference + ": answered 201 to key " + intent.key + ", not in our table");
                    }
                }
            }
        }
        for (PaymentSnapshot payment : ledger.values()) {
            if (!stored.containsKey(payment.reference())) {
                lost.add(payment.reference() + ": Vipps has it (" + payment.state() + "), not in our table");
            }
        }
        invariants.add(new Check("0 orders lost", lost.isEmpty(), answered + " references answered 201, "
                + ledger.size() + " payments at Vipps, " + stored.size() + " orders in our table; lost: "
                + lost.size(), first(lost)));
    }

    /**
     * Every capture and refund that moved money at Vipps belongs to one client intent (its Idempotency-Key, found
     * through the Vipps key our answers named or our record holds with the client's reason) or a portal action; no
     * intent moved money twice, a refused one not at all, a confirmed one exactly once and by the amount asked.
     */
    private void moneyOnce(Journal journal, Map<String, PaymentSnapshot> ledger,
                           Map<String, StoredOrders.Stored> stored) {
        Map<String, Journal.Intent> byKey = new HashMap<>();
        Map<String, Journal.Intent> byVippsKey = new HashMap<>();
        for (Journal.Intent intent : journal.intents) {
            if (intent.type.equals("capture") || intent.type.equals("refund")) {
                if (intent.misuseOf == null) {
                    byKey.put(intent.key, intent);
                }
                intent.vippsKeys().forEach(k -> byVippsKey.put(k, intent));
            }
        }
        Map<String, Journal.Intent> misuseByKey = new HashMap<>();
        journal.intents.stream().filter(i -> i.misuseOf != null).forEach(i -> misuseByKey.put(i.key, i));
        // our own record names the client intent in the reason the harness sent
        for (StoredOrders.Stored order : stored.values()) {
            for (StoredOrders.StoredOperation operation : order.operations()) {
                Matcher reason = REASON_KEY.matcher(operation.reason());
                String vippsKey = operation.vippsKey();
                if (reason.matches() && !vippsKey.isEmpty()) {
                    Journal.Intent intent = reason.group(1) != null ? misuseByKey.get(reason.group(2))
                            : byKey.get(reason.group(2));
                    if (intent != null) {
                        byVippsKey.putIfAbsent(vippsKey, intent);
                    }
                }
            }
        }
        Set<String> portalKeys = journal.portal.stream().map(Journal.PortalAction::key).collect(Collectors.toSet());
        Map<Journal.Intent, List<PaymentEvent>> moved = new HashMap<>();
        List<String> offenders = new ArrayList<>();
        int events = 0;
        int portal = 0;
        int unattributed = 0;
        for (PaymentSnapshot payment : ledger.values()) {
            for (PaymentEvent event : payment.events()) {
                if (!event.success() || !(event.name().equals("CAPTURED") || event.name().equals("REFUNDED"))) {
                    continue;
                }
                events++;
                String key = event.idempotencyKey();
                if (key != null && portalKeys.contains(key)) {
                    portal++;
                    continue;
                }
                Journal.Intent intent = key == null ? null : byVippsKey.get(key);
                if (intent == null) {
                    unattributed++;
                    offenders.add(payment.reference() + ": " + event.name() + " " + event.value() + " with key " + key
                            + " that no client intent asked for");
                    continue;
                }
                moved.computeIfAbsent(intent, i -> new ArrayList<>()).add(event);
            }
        }
        int twice = 0;
        int refusedButMoved = 0;
        int misusedMoved = 0;
        int wrongAmount = 0;
        int confirmedAbsent = 0;
        int intents = 0;
        for (Journal.Intent intent : journal.intents) {
            if (!(intent.type.equals("capture") || intent.type.equals("refund"))) {
                continue;
            }
            List<PaymentEvent> its = moved.getOrDefault(intent, List.of());
            if (intent.misuseOf != null) {
                if (!its.isEmpty()) {
                    misusedMoved++;
                    offenders.add(intent.reference + ": key " + intent.key + " re-used with another body moved "
                            + its.get(0).value());
                }
                continue;
            }
            intents++;
            Api.Reply last = lastDefinitive(intent);
            if (its.size() > 1) {
                twice++;
                offenders.add(intent.reference + ": " + intent.type + " key " + intent.key + " applied " + its.size()
                        + " times at Vipps: " + its.stream().map(e -> e.value() + " (" + e.idempotencyKey() + ")")
                        .toList());
            }
            if (!its.isEmpty() && intent.amount != null && its.get(0).value() != intent.amount) {
                wrongAmount++;
                offenders.add(intent.reference + ": " + intent.type + " key " + intent.key + " asked " + intent.amount
                        + ", Vipps moved " + its.get(0).value());
            }
            if (!its.isEmpty() && intent.refusedEverySend()) {
                refusedButMoved++;
                offenders.add(intent.reference + ": " + intent.type + " key " + intent.key + " answered "
                        + (last == null ? "4xx" : last.status()) + " to every send but moved " + its.get(0).value()
                        + " at Vipps");
            }
            if (last != null && last.status() == 200 && its.isEmpty()) {
                confirmedAbsent++;
                offenders.add(intent.reference + ": " + intent.type + " key " + intent.key
                        + " answered 200 (Vipps confirmed) but Vipps has no such " + intent.type);
            }
        }
        boolean passed = twice == 0 && unattributed == 0 && refusedButMoved == 0 && misusedMoved == 0
                && wrongAmount == 0 && confirmedAbsent == 0;
        invariants.add(new Check("0 captures or refunds applied twice at Vipps", passed, intents
                + " capture/refund intents; " + events + " money movements at Vipps (" + moved.size()
                + " intents, " + portal + " portal, " + unattributed + " unattributed); applied twice " + twice
                + ", refused but moved " + refusedButMoved + ", confirmed but absent " + confirmedAbsent
                + ", other amount " + wrongAmount + ", re-used key moved money " + misusedMoved, first(offenders)));
    }

    private void keysWithAnotherBody(Journal journal) {
        int sent = 0;
        int refused = 0;
        int accepted = 0;
        int other = 0;
        int unanswered = 0;
        List<String> offenders = new ArrayList<>();
        for (Journal.Intent misuse : journal.intents) {
            if (misuse.misuseOf == null) {
                continue;
            }
            sent++;
            Api.Reply answer = misuse.definitive();
            if (answer == null) {
                unanswered++;
            } else if (answer.status() == 422
                    && answer.json().path("title").asText("").equals("Idempotency-Key reused")) {
                refused++;
            } else if (answer.status() >= 200 && answer.status() < 300) {
                accepted++;
                offenders.add(where(misuse) + ": key " + misuse.key + " re-used with another body was accepted: "
                        + answer);
            } else {
                other++;
                offenders.add(where(misuse) + ": key " + misuse.key + " re-used with another body answered " + answer);
            }
        }
        invariants.add(new Check("0 Idempotency-Keys accepted with a different body", accepted == 0 && other == 0,
                sent + " re-uses with another body: " + refused + " refused 422 \"Idempotency-Key reused\", "
                        + accepted + " accepted, " + other + " answered otherwise, " + unanswered + " unanswered",
                first(offenders)));
    }

    /** A key sent again with the same body names the same payment attempt or the same Vipps operation. */
    private void sameKeySameAnswer(Journal journal, Map<String, StoredOrders.Stored> stored) {
        int replayed = 0;
        List<String> offenders = new ArrayList<>();
        for (Journal.Intent intent : journal.intents) {
            if (intent.misuseOf != null) {
                continue;
            }
            long answers = intent.replies.stream().filter(Api.Reply::answered).filter(r -> r.status() < 300).count();
            if (answers > 1) {
                replayed++;
            }
            List<String> named = intent.type.equals("initiate") ? intent.references() : intent.vippsKeys();
            if (named.size() > 1) {
                offenders.add(where(intent) + ": key " + intent.key + " (" + intent.type + ") answered for "
                        + named.size() + " different " + (intent.type.equals("initiate") ? "payments " : "operations ")
                        + named);
            }
        }
        for (StoredOrders.Stored order : stored.values()) {
            Map<String, Integer> perReason = new HashMap<>();
            for (StoredOrders.StoredOperation operation : order.operations()) {
                if (operation.reason().startsWith("chaos ")) {
                    perReason.merge(operation.reason(), 1, Integer::sum);
                }
            }
            perReason.forEach((reason, n) -> {
                if (n > 1) {
                    offenders.add(order.reference() + ": our record holds " + n + " operations for one request (\""
                            + reason + "\")");
                }
            });
        }
        invariants.add(new Check("same key and body answered as one request", offenders.isEmpty(), replayed
                + " intents answered more than once; " + offenders.size() + " split into several",
                first(offenders)));
    }

    private void stateEqualsVipps(Map<String, StoredOrders.Stored> stored, Map<String, PaymentSnapshot> ledger) {
        List<String> differences = StoredOrders.differences(stored, ledger);
        invariants.add(new Check("every order's stored state and aggregate equal Vipps'", differences.isEmpty(),
                ledger.size() + " payments compared, " + differences.size() + " differ", first(differences)));
    }

    private void returnPages(ChaosWorld world, Map<String, PaymentSnapshot> ledger) {
        Map<String, String> shown = new ConcurrentHashMap<>();
        List<PaymentSnapshot> withPage = ledger.values().stream().filter(p -> p.returnUrl() != null).toList();
        parallel(withPage, payment -> {
            URI url = URI.create(payment.returnUrl());
            String path = url.getRawPath() + "/status" + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            Api.Reply reply = null;
            for (int attempt = 0; attempt < 4 && (reply == null || reply.retryable()); attempt++) {
                reply = world.api.get(path.substring(1), Map.of(), Duration.ofSeconds(30));
            }
            shown.put(payment.reference(), reply.answered() && reply.status() == 200
                    ? reply.json().path("outcome").asText("?") : "answer " + reply);
        });
        List<String> wrong = new ArrayList<>();
        for (PaymentSnapshot payment : withPage) {
            String expected = switch (payment.state()) {
                case AUTHORIZED -> "APPROVED";
                case ABORTED, TERMINATED -> "CANCELLED";
                case EXPIRED -> "EXPIRED";
                case CREATED -> "PENDING";
            };
            String page = shown.get(payment.reference());
            if (!expected.equals(page)) {
                wrong.add(payment.reference() + ": the return page shows " + page + ", Vipps says "
                        + payment.state() + " (expected " + expected + ")");
            }
        }
        invariants.add(new Check("every return page shows Vipps' outcome", wrong.isEmpty(), withPage.size()
                + " return pages asked, " + wrong.size() + " wrong", first(wrong)));
    }

    /** At most one attempt per shop order holds money at the end (captured, or authorized and not released). */
    private void onePaymentPerShopOrder(Journal journal, Map<String, PaymentSnapshot> ledger,
                                        Map<String, StoredOrders.Stored> stored) {
        List<String> twice = new ArrayList<>();
        int withSeveral = 0;
        for (Journal.ShopOrder order : journal.orders.values()) {
            List<String> holding = new ArrayList<>();
            Set<String> references = new java.util.HashSet<>(order.references);
            stored.values().stream().filter(s -> s.shopOrderId().equals(order.shopOrderId))
                    .forEach(s -> references.add(s.reference()));
            List<PaymentSnapshot> attempts = ledger.values().stream()
                    .filter(p -> references.contains(p.reference())).toList();
            if (attempts.size() > 1) {
                withSeveral++;
            }
            for (PaymentSnapshot payment : attempts) {
                if (payment.state() == SimulatedPayment.State.AUTHORIZED
                        && (payment.captured() > payment.refunded() || payment.capturable() > 0)) {
                    holding.add(payment.reference() + " (" + StoredOrders.vipps(payment) + ")");
                }
            }
            if (holding.size() > 1) {
                twice.add(order.shopOrderId + ": " + holding.size() + " attempts hold money: " + holding);
            }
        }
        invariants.add(new Check("at most one payment per shop order", twice.isEmpty(), withSeveral
                + " shop orders with more than one attempt at Vipps; " + twice.size() + " paid more than once",
                first(twice)));
    }

    private void convergence(ChaosRun.Convergence convergence) {
        invariants.add(new Check("converged within 2 reconcile runs after the faults stopped",
                convergence.converged() && convergence.runsNeeded() <= 2, convergence.converged()
                ? "equal to Vipps after " + convergence.runsNeeded() + " run(s)"
                : "still " + convergence.differences().size() + " differences after " + convergence.runsTried()
                + " runs", first(convergence.differences())));
    }

    /**
     * Every 5xx a client saw, traced to what the Lambda service saw: kills by the harness are excepted; a crash, a
     * function error, a timeout or a 500 problem of our code is a failure (a problem with 503 and Retry-After was due).
     */
    private void noBare500(ChaosWorld world, KillSwitch kills, Journal journal) {
        Set<String> killed = kills.killedRequestIds();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> offenders = new ArrayList<>();
        int failures = 0;
        for (Journal.ServerError error : journal.serverErrors) {
            LocalLambdas.Invocation invocation = world.invocation(error.requestId());
            String kind;
            boolean failure = false;
            if (killed.contains(error.requestId())) {
                kind = error.status() + " after a kill (excepted)";
            } else if (invocation == null) {
                kind = error.status() + " from the gateway";
            } else {
                switch (invocation.outcome()) {
                    case CRASHED -> {
                        kind = "500: JVM died (not killed by the harness)";
                        failure = true;
                    }
                    case FUNCTION_ERROR -> {
                        kind = "bare 500: function error";
                        failure = true;
                    }
                    case TIMED_OUT -> {
                        kind = "bare 503: function timed out";
                        failure = true;
                    }
                    case THROTTLED -> kind = "503: no free local instance (harness limit)";
                    case NOT_RUNNING -> {
                        kind = "503: function not running";
                        failure = true;
                    }
                    default -> {
                        if (error.status() == 500) {
                            kind = "500 problem from our code";
                            failure = true;
                        } else {
                            kind = error.status() + (error.problem() ? " problem" : " bare") + " from our code";
                            failure = !error.problem();
                        }
                    }
                }
            }
            kinds.merge(kind, 1, Integer::sum);
            if (failure) {
                failures++;
                offenders.add(error.route() + " → " + kind + " (request " + error.requestId() + "): "
                        + (error.body() == null ? "" : error.body().length() > 200 ? error.body().substring(0, 200)
                        : error.body()));
            }
        }
        invariants.add(new Check("no bare 500 (or 500 problem) where a problem was due", failures == 0,
                journal.serverErrors.size() + " 5xx answers: " + kinds, first(offenders)));
    }

    /** Every request our functions sent Vipps kept the OpenAPI contract, also under faults and retries. */
    private void contract(ChaosWorld world) {
        List<String> violations = world.system.simulator().violations().stream()
                .map(v -> v.method() + " " + v.path() + ": " + v.message()).toList();
        invariants.add(new Check("every Vipps call kept the OpenAPI contract", violations.isEmpty(),
                violations.size() + " violations", first(violations)));
    }

    // ---- coverage ----------------------------------------------------------------------------------------------

    private void coverage(KillSwitch kills, ChaosRun.Measured measured) {
        long vippsCalls = measured.vippsCallsUnderFaults();
        long faulted = measured.injected().entrySet().stream().filter(e -> e.getKey().startsWith("Vipps "))
                .mapToLong(Map.Entry::getValue).sum();
        double share = vippsCalls == 0 ? 0 : (double) faulted / vippsCalls;
        coverage.add(new Check("≥ 10 % of Vipps calls faulted", share >= 0.10, String.format(
                "%d of the %d calls while faults ran (%.1f %%)", faulted, vippsCalls, 100 * share), List.of()));
        List<KillSwitch.Kill> done = kills.kills();
        long vippsKills = done.stream().filter(k -> k.moment() == KillSwitch.Moment.VIPPS_APPLIED).count();
        long dynamoKills = done.size() - vippsKills;
        coverage.add(new Check("≥ 5 function JVMs killed, at both moments", done.size() >= 5 && vippsKills > 0
                && dynamoKills > 0, done.size() + " kills: " + vippsKills + " after Vipps applied, " + dynamoKills
                + " after our write; " + kills.misses().size() + " armed kills found no invocation", List.of()));
        List<String> missing = new ArrayList<>();
        for (String kind : List.of("Vipps 429", "Vipps late answer", "DynamoDB PROVISIONED_THROUGHPUT_EXCEEDED",
                "DynamoDB THROTTLING", "DynamoDB INTERNAL_SERVER_ERROR", "callback dropped", "callback duplicated",
                "callback reordered", "callback delayed")) {
            if (measured.injected().getOrDefault(kind, 0L) == 0) {
                missing.add(kind);
            }
        }
        boolean fiveHundreds = measured.injected().keySet().stream().anyMatch(k -> k.matches("Vipps 5\\d\\d"));
        if (!fiveHundreds) {
            missing.add("Vipps 5xx");
        }
        coverage.add(new Check("every fault kind happened", missing.isEmpty(), missing.isEmpty() ? "all"
                : "missing " + missing, List.of()));
    }

    // ---- figures -----------------------------------------------------------------------------------------------

    private void figures(ChaosRun run, Journal journal, Map<String, PaymentSnapshot> ledger,
                         Map<String, StoredOrders.Stored> stored) {
        Map<String, String> run1 = figures.computeIfAbsent("Run", k -> new LinkedHashMap<>());
        run1.put("seed", Long.toString(settings.seed()));
        run1.put("shop orders", Integer.toString(settings.orders()));
        run1.put("webhooks", settings.webhooks() ? "registered" : "none (callbacks and polling)");
        run1.put("payment attempts (references answered 201)", Long.toString(journal.orders.values().stream()
                .mapToLong(o -> o.references.size()).sum()));
        run1.put("instances per interactive function (start – most)", settings.instances() + " – "
                + settings.maxInstances());
        measured.phases().forEach((phase, time) -> run1.put("time: " + phase, time.toSeconds() + " s"));

        Map<String, Long> states = new TreeMap<>();
        for (PaymentSnapshot payment : ledger.values()) {
            states.merge(endState(payment), 1L, Long::sum);
        }
        stored.values().stream().filter(s -> !ledger.containsKey(s.reference()))
                .forEach(s -> states.merge("never at Vipps (" + s.sessionState() + ")", 1L, Long::sum));
        long without = journal.orders.values().stream().filter(o -> o.references.isEmpty()).count();
        if (without > 0) {
            states.put("shop orders without a 201", without);
        }
        Map<String, String> ends = figures.computeIfAbsent("Payment attempts by end state (at Vipps)",
                k -> new LinkedHashMap<>());
        states.forEach((state, n) -> ends.put(state, Long.toString(n)));

        Map<String, String> faults = figures.computeIfAbsent("Faults injected", k -> new LinkedHashMap<>());
        measured.injected().forEach((kind, n) -> faults.put(kind, Long.toString(n)));
        Map<String, String> killFigures = figures.computeIfAbsent("Kills (SIGKILL)", k -> new LinkedHashMap<>());
        Map<String, Long> byKind = run.kills().kills().stream().collect(Collectors.groupingBy(
                k -> k.function() + ", " + (k.moment() == KillSwitch.Moment.VIPPS_APPLIED
                        ? "after Vipps applied the change" : "after our DynamoDB write"), TreeMap::new,
                Collectors.counting()));
        byKind.forEach((kind, n) -> killFigures.put(kind, Long.toString(n)));
        killFigures.put("JVMs started to replace dead ones (kills and timeouts)",
                Integer.toString(run.world().system.lambdas().restarts()));

        Map<String, String> clients = figures.computeIfAbsent("Clients", k -> new LinkedHashMap<>());
        journal.counters().forEach((name, n) -> clients.put(name, Long.toString(n)));
        clients.put("asked again after the faults stopped", Integer.toString(measured.leftoversAsked()));

        Map<String, List<Integer>> perOrder = vippsCallsPerShopOrder(journal, stored, measured.vippsRequests());
        List<Integer> counts = perOrder.values().stream().map(List::size).sorted().toList();
        Map<String, String> calls = figures.computeIfAbsent("Vipps calls", k -> new LinkedHashMap<>());
        calls.put("total (without the customer's page)", Integer.toString(measured.vippsRequests().size()));
        if (!counts.isEmpty()) {
            calls.put("per shop order: mean / median / p95 / max", String.format("%.1f / %d / %d / %d",
                    counts.stream().mapToInt(Integer::intValue).average().orElse(0), counts.get(counts.size() / 2),
                    counts.get(Math.min(counts.size() - 1, (int) Math.ceil(counts.size() * 0.95) - 1)),
                    counts.get(counts.size() - 1)));
        }
        Map<String, String> functions = figures.computeIfAbsent("Function invocations (count, p50 / p95 / max ms)",
                k -> new LinkedHashMap<>());
        Map<String, List<Long>> millis = new TreeMap<>();
        run.world().invocations().forEach(i -> millis.computeIfAbsent(i.function(), f -> new ArrayList<>())
                .add(i.millis()));
        millis.forEach((function, list) -> {
            List<Long> sorted = list.stream().sorted().toList();
            functions.put(function, sorted.size() + ": " + sorted.get(sorted.size() / 2) + " / "
                    + sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)) + " / "
                    + sorted.get(sorted.size() - 1));
        });
        List<Long> dynamo = run.world().system.dynamoProxy().forwardMillis().stream().sorted().toList();
        if (!dynamo.isEmpty()) {
            functions.put("DynamoDB (dynalite) calls", dynamo.size() + ": " + dynamo.get(dynamo.size() / 2) + " / "
                    + dynamo.get(Math.min(dynamo.size() - 1, (int) Math.ceil(dynamo.size() * 0.95) - 1)) + " / "
                    + dynamo.get(dynamo.size() - 1));
        }
        functions.put("instances added because all were busy", Integer.toString(run.world().system.lambdas()
                .scaledOut()));
        Map<String, String> reconcile = figures.computeIfAbsent("Reconciler", k -> new LinkedHashMap<>());
        reconcile.put("runs while faults ran (failed)", measured.reconcileRunsDuringChaos() + " ("
                + measured.reconcileFailuresDuringChaos() + ")");
        reconcile.put("runs to converge after the faults stopped", measured.convergence().converged()
                ? Integer.toString(measured.convergence().runsNeeded())
                : "not within " + measured.convergence().runsTried());
    }

    private static String endState(PaymentSnapshot p) {
        if (p.state() != SimulatedPayment.State.AUTHORIZED) {
            return p.state().name();
        }
        if (p.refunded() > 0) {
            return p.refunded() == p.captured() ? "REFUNDED" : "PARTIALLY_REFUNDED";
        }
        if (p.captured() > 0) {
            return p.capturable() == 0 ? (p.cancelled() > 0 ? "CAPTURED (rest cancelled)" : "CAPTURED")
                    : "PARTIALLY_CAPTURED";
        }
        return p.cancelled() > 0 ? "CANCELLED" : "AUTHORIZED";
    }

    private static Map<String, List<Integer>> vippsCallsPerShopOrder(Journal journal,
            Map<String, StoredOrders.Stored> stored, List<RecordedRequest> requests) {
        Map<String, String> shopOrderOf = new HashMap<>();
        stored.values().forEach(s -> shopOrderOf.put(s.reference(), s.shopOrderId()));
        journal.orders.values().forEach(o -> o.references.forEach(r -> shopOrderOf.put(r, o.shopOrderId)));
        Map<String, List<Integer>> perOrder = new HashMap<>();
        journal.orders.values().forEach(o -> perOrder.put(o.shopOrderId, new ArrayList<>()));
        for (RecordedRequest request : requests) {
            String reference = reference(request);
            String shopOrder = reference == null ? null : shopOrderOf.get(reference);
            if (shopOrder != null) {
                perOrder.computeIfAbsent(shopOrder, k -> new ArrayList<>()).add(1);
            }
        }
        return perOrder;
    }

    private static String reference(RecordedRequest request) {
        Matcher m = REFERENCE_IN_PATH.matcher(request.path());
        if (m.find()) {
            return m.group(1);
        }
        if (request.path().equals("/checkout/v3/session") || request.path().equals("/epayment/v1/payments")) {
            JsonNode body = Api.JSON.createObjectNode();
            try {
                body = Api.JSON.readTree(request.body());
            } catch (java.io.IOException ignored) {
                // not JSON: no reference
            }
            String reference = body.path("transaction").path("reference").asText(body.path("reference").asText(""));
            return reference.isEmpty() ? null : reference;
        }
        return null;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static <T> void parallel(List<T> items, java.util.function.Consumer<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            items.forEach(item -> pool.execute(() -> action.accept(item)));
            pool.shutdown();
            if (!pool.awaitTermination(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException("checks did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Api.Reply lastDefinitive(Journal.Intent intent) {
        List<Api.Reply> replies = new ArrayList<>(intent.replies);
        Collections.reverse(replies);
        return replies.stream().filter(r -> !r.retryable()).findFirst().orElse(null);
    }

    private static String where(Journal.Intent intent) {
        return intent.reference != null ? intent.reference : "order " + intent.order;
    }

    private static List<String> first(List<String> all) {
        return all.size() <= EXAMPLES ? List.copyOf(all) : List.copyOf(all.subList(0, EXAMPLES));
    }
}

package io.github.vcl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.function.AuthorizeFunction;
import io.github.vcl.function.CallbackFunction;
import io.github.vcl.function.InitiateFunction;
import io.github.vcl.function.OperationsFunction;
import io.github.vcl.function.ReconcileFunction;
import io.github.vcl.function.StatusFunction;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one paid-and-captured order costs in AWS, in the default deployment (Vipps Checkout, no webhooks registered),
 * through the functions' handlers with API Gateway and EventBridge events, on a hand-moved clock shared with the
 * simulator. Per order: the shop starts the session; the customer approves {@value #APPROVES_AFTER_S} s later, is
 * back on the return page {@value #RETURNS_AFTER_S} s after approving, and the page polls the status route on its
 * own schedule (as return.html: at once, then after the answer's {@code retryAfterSeconds}, 1 to 15 s, giving up
 * after 120 s); Vipps' callback arrives {@code bench.callback-after-seconds} (default 5) after the approval; the
 * reconciler runs every minute; the shop captures after a day; one more hour of runs.
 *
 * <p>Counted per function: invocations and billed duration (each invocation's in-process time rounded up to 1 ms —
 * a JVM proxy: the native executable's times differ), API Gateway requests, DynamoDB units ({@link CapacityMeter}),
 * Vipps calls (the simulator's record). The reconciler runs on its schedule whatever the orders: the orders are
 * charged the runs that had orders to look at, less an idle run's cost each; idle runs are the schedule's fixed
 * cost. Printed with USD per 1,000 orders at the list prices in {@link AwsPrices} (docs/cost.md).
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(OrderLifeProfile.Cost.class)
class CostBenchmarkTest extends FunctionTest {
    private static final Logger LOG = Logger.getLogger(CostBenchmarkTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = Integer.getInteger("bench.cost-orders", 100);
    static final int APPROVES_AFTER_S = 30;
    static final int RETURNS_AFTER_S = 2;
    private static final int CALLBACK_AFTER_S = Integer.getInteger("bench.callback-after-seconds", 5);
    /** return.html: {@code MIN_MS}, {@code MAX_MS} and {@code data-give-up-after-seconds}. */
    private static final int PAGE_MIN_S = 1;
    private static final int PAGE_MAX_S = 15;
    private static final int PAGE_GIVES_UP_S = 120;
    private static final Duration RUN_EVERY = Duration.ofMinutes(1);
    private static final Duration CAPTURE_AFTER = Duration.ofHours(24);
    private static final Duration AFTER_CAPTURE = Duration.ofHours(1);
    private static final int WARM_UP_ORDERS = 10;
    private static final int WARM_UP_RUNS = 20;
    private static final String RUN = "reconcile (this run)";
    private static final String RECONCILE = "reconcile";
    private static final String IDLE_RECONCILE = "reconcile (idle run)";

    @Inject
    InitiateFunction initiate;
    @Inject
    AuthorizeFunction authorize;
    @Inject
    StatusFunction status;
    @Inject
    CallbackFunction callback;
    @Inject
    OperationsFunction operations;
    @Inject
    ReconcileFunction reconcile;
    @Inject
    OrderStore store;
    @Inject
    TestClock clock;

    private final Map<String, Usage> usage = new HashMap<>();
    private long gatewayRequests;
    private int secondsSinceRun;

    /** Invocations of one function and their billed milliseconds. */
    private static final class Usage {
        long invocations;
        long billedMs;
        final List<Long> each = new ArrayList<>();
    }

    /** One customer's browser on the return page: when it asks next, and whether it is done. */
    private static final class Page {
        final Reference reference;
        final String token;
        int nextPollAt;
        boolean done;

        Page(Reference reference, String token) {
            this.reference = reference;
            this.token = token;
        }
    }

    @Test
    void costPerPaidAndCapturedOrder() {
        world().simulator().faults().callbacks().dropNext(Integer.MAX_VALUE); // delivered here, at the stated time
        warmUp();
        int requestsBefore = world().simulator().requests().size();

        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            pages.add(start());
        }
        Map<Reference, HttpApiEvent> callbacks = new HashMap<>();
        int lastEvent = APPROVES_AFTER_S + Math.max(CALLBACK_AFTER_S, RETURNS_AFTER_S + PAGE_GIVES_UP_S);
        for (int second = 1; second <= lastEvent && !(allDone(pages) && second > APPROVES_AFTER_S
                + CALLBACK_AFTER_S); second++) {
            tick(Duration.ofSeconds(1));
            for (Page page : pages) {
                act(page, second, callbacks);
            }
        }
        Duration passed = Duration.ofSeconds(lastEvent);
        runReconcilerFor(CAPTURE_AFTER.minus(passed));
        for (Page page : pages) {
            capture(page.reference);
        }
        runReconcilerFor(AFTER_CAPTURE);

        for (Page page : pages) {
            Order order = store.find(page.reference).orElseThrow();
            assertEquals(PaymentState.AUTHORIZED, order.paymentState());
            assertEquals(order.aggregate().authorized(), order.aggregate().captured(), page.reference.value());
            assertEquals(false, order.needsReconciliation(), page.reference.value());
        }
        List<RecordedRequest> vipps = world().simulator().requests().subList(requestsBefore,
                world().simulator().requests().size()).stream()
                .filter(r -> !CheckoutCallbacks.fromBenchmark(r)).toList();
        LOG.warn(report(vipps));
    }

    /**
     * Every path once per warm-up order (the JIT's first invocations are no Lambda's steady state) and reconciler
     * runs until they are done; nothing of it is counted.
     */
    private void warmUp() {
        for (int i = 0; i < WARM_UP_ORDERS; i++) {
            Page page = start();
            world().simulator().customer().approve(page.reference.value());
            HttpApiEvent delivered = CheckoutCallbacks.event(world().simulator(), page.reference);
            http("status", () -> status.status(returnEvent(page, "GET /return/{reference}")));
            clock.advance(Duration.ofSeconds(RETURNS_AFTER_S));
            poll(page, APPROVES_AFTER_S + RETURNS_AFTER_S);
            http("callback", () -> callback.callback(delivered));
            capture(page.reference);
        }
        int examined = 1;
        for (int i = 0; i < WARM_UP_RUNS || examined > 0; i++) {
            clock.advance(RUN_EVERY);
            examined = runReconciler();
        }
        usage.clear();
        gatewayRequests = 0;
        CapacityMeter.reset();
        secondsSinceRun = 0;
    }

    private static boolean allDone(List<Page> pages) {
        return pages.stream().allMatch(p -> p.done);
    }

    /** What happens to one order in this second of its life. */
    private void act(Page page, int second, Map<Reference, HttpApiEvent> callbacks) {
        if (second == APPROVES_AFTER_S) {
            world().simulator().customer().approve(page.reference.value());
            callbacks.put(page.reference, CheckoutCallbacks.event(world().simulator(), page.reference));
        }
        if (second == APPROVES_AFTER_S + CALLBACK_AFTER_S) {
            HttpApiResponse answer = http("callback", () -> callback.callback(callbacks.get(page.reference)));
            assertEquals(200, answer.statusCode(), answer.body());
        }
        if (second == APPROVES_AFTER_S + RETURNS_AFTER_S) {
            HttpApiResponse html = http("status", () -> status.status(returnEvent(page, "GET /return/{reference}")));
            assertEquals(200, html.statusCode());
            page.nextPollAt = second;
        }
        if (!page.done && page.nextPollAt == second && second >= APPROVES_AFTER_S + RETURNS_AFTER_S) {
            poll(page, second);
        }
    }

    /** One of the page's status requests, and when the page asks next (return.html's schedule). */
    private void poll(Page page, int second) {
        HttpApiResponse answer = http("status", () -> status.status(returnEvent(page,
                "GET /return/{reference}/status")));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = json(answer.body());
        int returnedAt = APPROVES_AFTER_S + RETURNS_AFTER_S;
        if (body.get("final").asBoolean() || second >= returnedAt + PAGE_GIVES_UP_S) {
            page.done = true;
            return;
        }
        int hinted = body.path("retryAfterSeconds").asInt(2);
        page.nextPollAt = Math.min(second + Math.min(PAGE_MAX_S, Math.max(PAGE_MIN_S, hinted)),
                returnedAt + PAGE_GIVES_UP_S);
    }

    private Page start() {
        HttpApiResponse started = shopCall("initiate", () -> initiate.initiate(new HttpApiEvent("2.0",
                "POST /checkout/sessions", "/checkout/sessions", "", shopHeaders(), null, null, null,
                Carts.json(Carts.newShopOrderId()), false)));
        assertEquals(201, started.statusCode(), started.body());
        Reference reference = Reference.of(json(started.body()).get("reference").asText());
        String returnUrl = CheckoutCallbacks.sessionRequest(world().simulator(), reference)
                .at("/merchantInfo/returnUrl").asText();
        String query = URI.create(returnUrl).getRawQuery();
        return new Page(reference, URLDecoder.decode(query.substring(query.indexOf("t=") + 2),
                StandardCharsets.UTF_8));
    }

    private void capture(Reference reference) {
        HttpApiResponse captured = shopCall("operations", () -> operations.operations(new HttpApiEvent("2.0",
                "POST /orders/{reference}/capture", "/orders/" + reference + "/capture", "", shopHeaders(), null,
                Map.of("reference", reference.value()), null, "{\"reason\": \"shipped\"}", false)));
        assertEquals(200, captured.statusCode(), captured.body());
    }

    private static HttpApiEvent returnEvent(Page page, String route) {
        String path = route.replace("{reference}", page.reference.value());
        return new HttpApiEvent("2.0", route, path, "t=" + page.token, Map.of("accept", "application/json"),
                Map.of("t", page.token), Map.of("reference", page.reference.value()), null, null, false);
    }

    private static Map<String, String> shopHeaders() {
        return Map.of("authorization", "Bearer " + CheckoutWorld.SHOP_API_KEY, "content-type", "application/json",
                "idempotency-key", UUID.randomUUID().toString());
    }

    /**
     * A shop-key route: API Gateway asks the authorizer first. Its answer is cached for 60 s per key
     * ({@code ReauthorizeEvery}); at a few orders a minute that is one authorizer invocation per call, as here.
     */
    private HttpApiResponse shopCall(String function, Supplier<HttpApiResponse> call) {
        HttpApiEvent event = new HttpApiEvent("2.0", "POST /checkout/sessions", "/checkout/sessions", "",
                shopHeaders(), null, null, null, null, false);
        assertTrue(invoke("authorize", () -> authorize.authorize(event)).isAuthorized());
        return http(function, call);
    }

    private HttpApiResponse http(String function, Supplier<HttpApiResponse> call) {
        gatewayRequests++;
        return invoke(function, call);
    }

    private <T> T invoke(String function, Supplier<T> call) {
        CapacityMeter.charge(function);
        long start = System.nanoTime();
        T result = call.get();
        long billed = (System.nanoTime() - start + 999_999) / 1_000_000;
        Usage u = usage.computeIfAbsent(function, f -> new Usage());
        u.invocations++;
        u.billedMs += billed;
        u.each.add(billed);
        CapacityMeter.charge("-");
        return result;
    }

    /** Moves the clock; the reconciler runs at every full minute, as its EventBridge schedule does. */
    private void tick(Duration step) {
        clock.advance(step);
        secondsSinceRun += (int) step.toSeconds();
        if (secondsSinceRun >= RUN_EVERY.toSeconds()) {
            secondsSinceRun = 0;
            runReconciler();
        }
    }

    private void runReconcilerFor(Duration period) {
        for (Duration passed = Duration.ZERO; passed.compareTo(period) < 0; passed = passed.plus(RUN_EVERY)) {
            tick(RUN_EVERY);
        }
    }

    /** One scheduled run, charged to the orders when it had any to look at, else to the schedule; how many. */
    private int runReconciler() {
        var summary = invoke(RUN, () -> reconcile.reconcile(new ReconcileFunction.ScheduledEvent("bench",
                "Scheduled Event", "aws.events", clock.instant().toString())));
        assertEquals(0, summary.failed(), summary.toString());
        String chargedTo = summary.examined() == 0 ? IDLE_RECONCILE : RECONCILE;
        Usage run = usage.remove(RUN);
        Usage to = usage.computeIfAbsent(chargedTo, f -> new Usage());
        to.invocations++;
        to.billedMs += run.billedMs;
        to.each.addAll(run.each);
        CapacityMeter.move(RUN, chargedTo);
        return summary.examined();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String report(List<RecordedRequest> vipps) {
        Usage idle = usage.get(IDLE_RECONCILE);
        long[] idleRuns = idle.each.stream().mapToLong(Long::longValue).sorted().toArray();
        long idleMedianMs = idleRuns[idleRuns.length / 2];
        double idleReads = CapacityMeter.units(IDLE_RECONCILE, CapacityMeter.READ) / idle.invocations;
        double idleWrites = CapacityMeter.units(IDLE_RECONCILE, CapacityMeter.WRITE) / idle.invocations;
        Usage runs = usage.get(RECONCILE);
        long tokenCalls = vipps.stream().filter(r -> r.path().equals("/accesstoken/get")).count();
        CostTable table = new CostTable(ORDERS);
        for (String function : List.of("initiate", "authorize", "status", "callback", "operations")) {
            Usage u = usage.get(function);
            table.function(function, u.invocations, u.billedMs, CapacityMeter.units(function, CapacityMeter.READ),
                    CapacityMeter.units(function, CapacityMeter.WRITE),
                    CapacityMeter.units(function, CapacityMeter.INDEX_WRITE));
        }
        table.function("reconcile (beyond idle runs)", 0, runs.billedMs - runs.invocations * idleMedianMs,
                CapacityMeter.units(RECONCILE, CapacityMeter.READ) - runs.invocations * idleReads,
                CapacityMeter.units(RECONCILE, CapacityMeter.WRITE) - runs.invocations * idleWrites,
                CapacityMeter.units(RECONCILE, CapacityMeter.INDEX_WRITE));
        table.gateway(gatewayRequests);
        table.vipps(vipps.size() - tokenCalls, tokenCalls, kinds(vipps));
        table.fixed(idleMedianMs, idleReads, idleWrites);
        return String.format("BENCHMARK cost per paid-and-captured order: %d orders, approved after %d s, back on the "
                        + "return page %d s later, callback %d s after approval; %d reconciler runs with orders to "
                        + "look at, %d idle (median %d ms)%n%s", ORDERS, APPROVES_AFTER_S, RETURNS_AFTER_S,
                CALLBACK_AFTER_S, runs.invocations, idle.invocations, idleMedianMs, table.render());
    }

    /** Vipps calls by method and path, the reference replaced. */
    private static Map<String, Long> kinds(List<RecordedRequest> vipps) {
        return vipps.stream().collect(Collectors.groupingBy(OrderLifeBenchmark::kind, TreeMap::new,
                Collectors.counting()));
    }
}

package io.github.vcl.golive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.golive.BackendApi.Answer;
import io.github.vcl.local.gateway.Routes;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.VippsAggregate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One go-live run, the steps in order: preflight (every route answers from its function, the keys are accepted, Vipps
 * accepts the merchant's keys), in production a typed confirmation, the test orders created through the backend's own
 * API and decided by the {@link Approver}, capture / capture-and-refund / cancel / leave authorized through the
 * operations routes with two refusals on the way (one ours, one Vipps'), every end state checked with Vipps' own
 * ePayment GET against the support route, the payment history at Order Management, clean-up, and the checklist rows
 * ({@link Checklist}) from what was seen. A step that fails stops the run with its reason in the report; what was
 * created is tidied up.
 */
final class GoLiveRun {
    static final String CONFIRMATION = "MOVE-REAL-MONEY";
    static final String WEBHOOK_ROUTE = "POST /webhooks/vipps";

    /** How to run: environment, amount, who approves, how long to wait, where to talk to a person. */
    record Settings(boolean production, long amount, Optional<String> flow, Approver approver,
                    Duration callbackWait, Duration historyWait, Duration approvalTimeout, Duration pollEvery,
                    PrintStream console, BufferedReader input) {
    }

    /** A step failed: what, in words, and Vipps' traceId when Vipps answered. */
    static final class Stop extends RuntimeException {
        final String step;
        final String traceId;

        Stop(String step, String what, String traceId) {
            super(what);
            this.step = step;
            this.traceId = traceId;
        }
    }

    /** Production mode was not confirmed: nothing was created. */
    static final class NotConfirmed extends RuntimeException {
        NotConfirmed() {
            super("not confirmed: nothing was created and no money moved");
        }
    }

    /** One test order as the run follows it. */
    static final class GoOrder {
        final String role;
        final Approver.Decision decision;
        final Report.OrderEntry entry;
        String reference;
        String flow;
        URI frontendUrl;
        String shopOrderId;
        Optional<URI> returnedTo = Optional.empty();
        boolean callbackDropped;
        String outcome;
        Payment vipps;
        JsonNode detail;
        List<PaymentEvent> events = List.of();

        GoOrder(String role, String expected, Approver.Decision decision) {
            this.role = role;
            this.decision = decision;
            this.entry = new Report.OrderEntry(role, expected);
        }

        String label(int index, int of) {
            return "[" + index + "/" + of + "] " + (decision == Approver.Decision.APPROVE
                    ? "order that should end " + entry.expected : "order the customer rejects");
        }
    }

    /** What the run saw, for the checklist. */
    static final class Seen {
        final List<String> routeProbes = new ArrayList<>();
        Answer initiateRetry;
        String initiateFirstReference;
        Answer captureFirst;
        Answer captureRetry;
        Answer ourRefusal;
        Answer vippsRefusal;
        String portalRefund;
        final Map<String, JsonNode> filings = new LinkedHashMap<>();
        final Map<String, String> orderManagement = new LinkedHashMap<>();
        final List<String> orderManagementMissing = new ArrayList<>();
        Answer searchByReference;
        Answer searchByShopOrder;
        String redirectAnswer;
        List<io.github.vcl.vipps.webhook.model.Webhook> webhooks;
        String webhooksUnreadable;
        String stoppedAt;
    }

    final Target target;
    final Settings settings;
    final BackendApi api;
    final VippsDirect vipps;
    final Report report;
    final List<GoOrder> orders = new ArrayList<>();
    final Seen seen = new Seen();
    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    GoLiveRun(Target target, Settings settings, VippsDirect vipps) {
        this.target = target;
        this.settings = settings;
        this.api = new BackendApi(target.api(), target.shopKey(), target.staffKey());
        this.vipps = vipps;
        this.report = new Report(runId, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        orders.add(new GoOrder("captured", "CAPTURED", Approver.Decision.APPROVE));
        orders.add(new GoOrder("refunded", "REFUNDED", Approver.Decision.APPROVE));
        orders.add(new GoOrder("cancelled", "CANCELLED", Approver.Decision.APPROVE));
        orders.add(new GoOrder("authorized", "AUTHORIZED", Approver.Decision.APPROVE));
        if (settings.approver().canReject()) {
            orders.add(new GoOrder("rejected", "REJECTED by the customer", Approver.Decision.REJECT));
        }
        orders.forEach(o -> report.orders.add(o.entry));
    }

    /** Runs every step; throws {@link NotConfirmed} only when production was not confirmed. */
    Report run() {
        setting();
        boolean failed = false;
        try {
            step("Preflight: routes, keys and Vipps' answer to the merchant's keys");
            preflight();
            confirm();
            step("Creating " + orders.size() + " test orders through POST /checkout/sessions");
            create();
            int i = 1;
            for (GoOrder order : orders) {
                decide(order, i++);
            }
            step("Capture, refund and cancel through POST /orders/{reference}/…");
            operate();
            step("Verifying every end state with Vipps' own ePayment GET and our support route");
            verify();
            step("Payment history: waiting for the backend to file it, then Order Management GET");
            paymentHistory();
        } catch (NotConfirmed e) {
            throw e;
        } catch (Stop e) {
            failed = true;
            seen.stoppedAt = e.step;
            report.fail(e.step, e.getMessage(), e.traceId);
            say("✗ " + e.step + ": " + e.getMessage());
        } catch (BackendApi.Unreachable e) {
            failed = true;
            seen.stoppedAt = "reaching the API";
            report.fail("reaching the API", e.getMessage(), null);
            say("✗ " + e.getMessage());
        } catch (RuntimeException e) {
            failed = true;
            seen.stoppedAt = "an unexpected error";
            report.fail("unexpected error", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            say("✗ unexpected: " + e);
        }
        failed |= !report.failures.isEmpty();
        cleanup(failed);
        new Checklist(this).assess();
        Solution.describe(this);
        report.finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return report;
    }

    private void setting() {
        report.setting.put("Vipps MobilePay environment", (settings.production() ? "production" : "test") + " ("
                + target.vipps().baseUrl() + (target.local() ? ", simulated" : "") + ")");
        report.setting.put("Merchant Serial Number", target.vipps().merchantSerialNumber());
        report.setting.put("Deployment", target.where());
        report.setting.put("HTTP API", target.api().toString());
        if (target.region() != null) {
            report.setting.put("AWS region", target.region());
        }
        report.setting.put("Customer", settings.approver().describe());
        report.setting.put("Amount per payment", settings.amount() + " øre (NOK " + nok(settings.amount()) + ")");
    }

    // ---- preflight -------------------------------------------------------------------------------------------------

    private void preflight() {
        String probe = "golive-probe-" + runId + "-1";
        expect(api.status(probe), 404, "the shop key");
        expect(api.initiate("{}", BackendApi.newKey()), 400, "the shop key");
        expect(api.search("limit=1"), 200, "the staff key");
        expect(api.detail(probe), 404, "the staff key");
        for (String type : List.of("capture", "refund", "cancel")) {
            expect(api.operation(probe, type, "{}", BackendApi.newKey()), 404, "the staff key");
        }
        expect(api.open("POST /callbacks/checkout/{reference}", api.base().resolve("callbacks/checkout/" + probe),
                "{}"), 401, "Vipps' callback token");
        expect(api.open("GET /return/{reference}/status", api.base().resolve("return/" + probe + "/status?t=x")),
                404, "the customer's return token");
        if (Routes.ALL.stream().anyMatch(r -> r.routeKey().equals(WEBHOOK_ROUTE))) {
            expect(api.open(WEBHOOK_ROUTE, api.base().resolve("webhooks/vipps"), "{}"), 401,
                    "Vipps' webhook signature");
        }
        try {
            vipps.token();
            seen.routeProbes.add("POST /accesstoken/get at " + target.vipps().baseUrl()
                    + " → 200: Vipps MobilePay accepts the merchant's keys");
        } catch (VippsApiException e) {
            throw new Stop("preflight", "Vipps MobilePay refused the merchant keys given for the checks (HTTP "
                    + e.httpStatus() + (e.errorCode().map(c -> ", " + c).orElse("")) + ": " + e.staffMessage()
                    + "). Check VIPPS_CLIENT_ID/VIPPS_CLIENT_SECRET/VIPPS_SUBSCRIPTION_KEY (or the stack's vipps "
                    + "secret), the Merchant Serial Number and --vipps test|production.", e.traceId().orElse(null));
        }
        say("  every route answers from its function; keys accepted");
    }

    /** Our function answered the probe as it should: the route exists and the key is accepted. */
    private void expect(Answer a, int status, String credential) {
        if (a.status() == status && (status == 200 || a.problem())) {
            seen.routeProbes.add(a.route() + " → " + a.status() + " from our function ("
                    + shorten(a.words()) + ")");
            return;
        }
        if (a.status() == 404 && !a.problem()) {
            throw new Stop("preflight", a.route() + " is not a route of the API at " + api.base() + " (HTTP 404 "
                    + shorten(a.body()) + "): the stack lacks it, or the URL is not the stack's ApiUrl output.",
                    null);
        }
        if (a.status() == 401) {
            throw new Stop("preflight", "the API refused " + credential + " on " + a.route() + " (HTTP 401: "
                    + shorten(a.words()) + "). Check the key (SHOP_API_KEY / STAFF_API_KEY, or the stack's "
                    + "secrets).", null);
        }
        if (a.status() == 403) {
            throw new Stop("preflight", credential + " may not use " + a.route() + " (HTTP 403: "
                    + shorten(a.words()) + "). The staff member needs the rights capture, refund, cancel and "
                    + "support.", null);
        }
        throw new Stop("preflight", "unexpected answer: " + a.describe(), a.text("traceId"));
    }

    private void confirm() {
        if (!settings.production()) {
            return;
        }
        long payments = orders.stream().filter(o -> o.decision == Approver.Decision.APPROVE).count();
        PrintStream out = settings.console();
        out.println();
        out.println("PRODUCTION: this run moves real money. " + payments + " payments of NOK "
                + nok(settings.amount()) + " are approved with a real Vipps MobilePay app" + (orders.size() > payments
                ? ", and one is rejected" : "") + ". Afterwards the captured money is refunded and every");
        out.println("reservation cancelled, except the one order that must stay AUTHORIZED for Vipps to see (NOK "
                + nok(settings.amount()) + " reserved, not charged; the report says how to cancel it).");
        out.print("Type " + CONFIRMATION + " to go on: ");
        out.flush();
        String line;
        try {
            line = settings.input().readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null || !line.trim().equals(CONFIRMATION)) {
            out.println();
            throw new NotConfirmed();
        }
        report.actions.add("Production run confirmed by typing " + CONFIRMATION + " at " + now() + ".");
    }

    // ---- orders ----------------------------------------------------------------------------------------------------

    private void create() {
        boolean first = true;
        for (GoOrder o : orders) {
            o.shopOrderId = "golive-" + runId + "-" + o.role;
            String body = """
                    {"shopOrderId": "%s", "currency": "NOK", "paymentDescription": "Go-live test %s %s",%s
                     "lines": [{"id": "golive-%s", "name": "Go-live test (%s)", "quantity": 1, "unitPrice": %d,
                                "taxRate": 2500}]}
                    """.formatted(o.shopOrderId, o.role, runId, settings.flow().map(f -> " \"flow\": \"" + f + "\",")
                    .orElse(""), o.role, o.role, settings.amount());
            String key = BackendApi.newKey();
            Answer a = api.initiate(body, key);
            if (a.status() != 201 || a.text("reference") == null) {
                throw new Stop("create the " + o.entry.expected + " order", a.describe(), a.text("traceId"));
            }
            o.reference = a.text("reference");
            // where the shop sends the customer: redirectUrl (both flows), checkoutFrontendUrl (Checkout, older builds)
            o.frontendUrl = URI.create(a.text("redirectUrl") != null ? a.text("redirectUrl")
                    : a.text("checkoutFrontendUrl"));
            o.flow = a.text("flow") == null ? "checkout" : a.text("flow");
            report.setting.putIfAbsent("Payment flow", o.flow.equals("epayment") ? "ePayment (the Vipps MobilePay "
                    + "app or landing page)" : "Checkout (a Vipps Checkout session)");
            // In the local run's Checkout flow the simulator drops Vipps' callback (and webhooks) for the AUTHORIZED
            // order: its outcome must come by polling.
            o.callbackDropped = target.local() && o.role.equals("authorized") && o.flow.equals("checkout");
            o.entry.reference = o.reference;
            o.entry.createdAt = a.at().truncatedTo(ChronoUnit.SECONDS).toString();
            o.entry.notes.add("session created through POST /checkout/sessions at " + o.entry.createdAt
                    + " (shop order " + o.shopOrderId + ")");
            if (first) {
                seen.initiateFirstReference = o.reference;
                seen.initiateRetry = api.initiate(body, key);
                first = false;
            }
            say("  " + o.reference + "  should end " + o.entry.expected);
        }
    }

    private void decide(GoOrder o, int index) {
        String label = o.label(index, orders.size());
        step(label + ": " + o.reference);
        if (o.callbackDropped) {
            target.simulator().orElseThrow().faults().callbacks().dropNext(1);
            target.simulator().orElseThrow().faults().webhooks().dropAllFor(o.reference);
        }
        try {
            o.returnedTo = settings.approver().decide(label, o.reference, o.frontendUrl, o.decision);
        } catch (VippsApiException e) {
            throw new Stop(label, "Vipps refused to " + o.decision.name().toLowerCase(java.util.Locale.ROOT)
                    + " " + o.reference + " (HTTP " + e.httpStatus() + ": " + e.staffMessage() + ")",
                    e.traceId().orElse(null));
        } catch (IllegalStateException e) {
            throw new Stop(label, e.getMessage(), null);
        }
        Payment decided = awaitVipps(o, label);
        String state = decided.state().name();
        boolean expected = o.decision == Approver.Decision.APPROVE ? state.equals("AUTHORIZED")
                : state.equals("ABORTED") || state.equals("TERMINATED");
        if (!expected) {
            throw new Stop(label, o.reference + " ended " + state + " at Vipps, but the customer was to "
                    + o.decision.name().toLowerCase(java.util.Locale.ROOT) + " it.", null);
        }
        o.entry.notes.add("customer " + (o.decision == Approver.Decision.APPROVE ? "approved" : "rejected")
                + "; Vipps says " + state + " (seen " + now() + ")");
        awaitOurRecord(o, label);
        if (o.returnedTo.isPresent()) {
            followReturn(o);
        } else if (settings.approver().person() && seen.redirectAnswer == null
                && o.decision == Approver.Decision.APPROVE) {
            seen.redirectAnswer = ask("Did your browser end on the shop's return page saying \"Payment approved\" "
                    + "(\"Betalingen er godkjent\")? [yes/no] ");
        }
    }

    /** Reads the payment at Vipps until the customer has decided, with a progress line. */
    private Payment awaitVipps(GoOrder o, String label) {
        Instant start = Instant.now();
        Instant lastLine = Instant.EPOCH;
        String last = null;
        while (true) {
            String state;
            Payment p = null;
            try {
                p = vipps.payment(o.reference);
                state = p.state().name();
            } catch (VippsApiException e) {
                if (e.httpStatus() != 404 && !e.isTransient()) {
                    throw new Stop(label, "Vipps' ePayment GET of " + o.reference + " answered HTTP "
                            + e.httpStatus() + ": " + e.staffMessage(), e.traceId().orElse(null));
                }
                state = e.httpStatus() == 404 ? "not opened yet" : "no answer";
            }
            if (p != null && p.state().name().matches("AUTHORIZED|ABORTED|EXPIRED|TERMINATED")) {
                return p;
            }
            Duration waited = Duration.between(start, Instant.now());
            if (!state.equals(last) || Duration.between(lastLine, Instant.now()).toSeconds() >= 15) {
                say(String.format("    %s  Vipps: %-14s waiting %d:%02d", o.reference, state, waited.toMinutes(),
                        waited.toSecondsPart()));
                last = state;
                lastLine = Instant.now();
            }
            if (waited.compareTo(settings.approvalTimeout()) > 0) {
                throw new Stop(label, "no decision on " + o.reference + " within " + settings.approvalTimeout()
                        .toMinutes() + " minutes: Vipps still says " + state + ".", null);
            }
            sleep(settings.pollEvery());
        }
    }

    /**
     * Vipps knows the outcome; Vipps' callback should bring it to us. The search route answers from our table alone,
     * so reading it does not make the backend ask Vipps; after the callback wait, the shop's status route does.
     */
    private void awaitOurRecord(GoOrder o, String label) {
        Instant until = Instant.now().plus(settings.callbackWait());
        while (Instant.now().isBefore(until)) {
            Answer s = api.search("reference=" + o.reference);
            JsonNode first = s.json().path("orders").path(0);
            if (s.ok() && !first.isMissingNode() && !"AWAITING_PAYMENT".equals(first.path("status").asText())) {
                break;
            }
            sleep(Duration.ofMillis(250));
        }
        Instant deadline = Instant.now().plusSeconds(30);
        Answer status;
        do {
            status = api.status(o.reference);
            if (status.ok() && !"PENDING".equals(status.text("outcome"))) {
                break;
            }
            sleep(Duration.ofSeconds(1));
        } while (Instant.now().isBefore(deadline));
        if (!status.ok() || "PENDING".equals(status.text("outcome"))) {
            throw new Stop(label, "the backend still does not know the outcome of " + o.reference + " that Vipps "
                    + "shows: " + status.describe(), status.text("traceId"));
        }
        o.outcome = status.text("outcome");
        o.entry.notes.add("GET /checkout/sessions/{reference} says " + o.outcome + " (" + status.text("statusText")
                + ") at " + status.at().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Follows the customer's browser back to our return page and asks its status route, as the page does. */
    private void followReturn(GoOrder o) {
        URI back = o.returnedTo.orElseThrow();
        String shown = shownUrl(back);
        boolean ours = back.toString().startsWith(api.base() + "return/" + o.reference + "?");
        Answer page = api.open("GET /return/{reference}", back);
        URI statusUrl = URI.create(back.toString().replace("/return/" + o.reference + "?",
                "/return/" + o.reference + "/status?"));
        Answer status = api.open("GET /return/{reference}/status", statusUrl);
        o.entry.notes.add("the Vipps page sent the browser to " + shown + (ours ? " (our return page)" : "")
                + ": " + page.status() + " " + page.contentType().split(";")[0] + "; its status route said "
                + status.text("outcome") + (status.json().path("final").asBoolean() ? ", final" : ", not final"));
    }

    // ---- operations ------------------------------------------------------------------------------------------------

    private void operate() {
        GoOrder captured = order("captured");
        String key = BackendApi.newKey();
        seen.captureFirst = operation(captured, "capture", null, key);
        seen.captureRetry = api.operation(captured.reference, "capture", "{}", key);

        GoOrder refunded = order("refunded");
        operation(refunded, "capture", null, BackendApi.newKey());
        long tooMuch = settings.amount() + 100;
        seen.ourRefusal = api.operation(refunded.reference, "refund", "{\"amount\": " + tooMuch + "}",
                BackendApi.newKey());
        refunded.entry.notes.add("refund of " + tooMuch + " øre (more than captured) → HTTP "
                + seen.ourRefusal.status() + ": " + seen.ourRefusal.words());
        long portal = settings.amount() / 2;
        try {
            vipps.refund(refunded.reference, Amount.nok(portal), "golive-portal-" + runId);
        } catch (VippsApiException e) {
            throw new Stop("refund at Vipps as from the portal", "Vipps refused the go-live's own refund of "
                    + portal + " øre on " + refunded.reference + " (HTTP " + e.httpStatus() + ": "
                    + e.staffMessage() + ")", e.traceId().orElse(null));
        }
        seen.portalRefund = portal + " øre refunded directly at Vipps with the merchant's keys (as staff would in "
                + "the merchant portal) at " + now() + "; our record did not know it yet";
        refunded.entry.notes.add(seen.portalRefund);
        seen.vippsRefusal = api.operation(refunded.reference, "refund", "{\"amount\": " + settings.amount() + "}",
                BackendApi.newKey());
        refunded.entry.notes.add("refund of " + settings.amount() + " øre → HTTP " + seen.vippsRefusal.status()
                + ": " + seen.vippsRefusal.words() + traceOf(seen.vippsRefusal));
        operation(refunded, "refund", null, BackendApi.newKey());

        operation(order("cancelled"), "cancel", null, BackendApi.newKey());
    }

    /** One operation through our API; a 202 is asked again with the same Idempotency-Key until Vipps has answered. */
    private Answer operation(GoOrder o, String type, String body, String key) {
        Answer a = api.operation(o.reference, type, body, key);
        Instant until = Instant.now().plusSeconds(120);
        while (a.status() == 202 && Instant.now().isBefore(until)) {
            sleep(Duration.ofSeconds(3));
            a = api.operation(o.reference, type, body, key);
        }
        if (a.status() != 200) {
            throw new Stop(type + " of the " + o.entry.expected + " order " + o.reference, a.describe()
                    + (a.text("vippsErrorCode") == null ? "" : " (Vipps error code " + a.text("vippsErrorCode") + ")"),
                    a.text("traceId"));
        }
        JsonNode op = a.json().path("operation");
        o.entry.notes.add(type + " of " + op.path("amount").asLong() + " øre through POST /orders/{reference}/" + type
                + " → 200: " + a.text("message") + " (Idempotency-Key at Vipps " + op.path("idempotencyKey").asText()
                + ", " + a.at().truncatedTo(ChronoUnit.SECONDS) + ")");
        say("  " + o.reference + "  " + type + " → 200 " + a.text("statusText"));
        return a;
    }

    // ---- verification ----------------------------------------------------------------------------------------------

    private void verify() {
        for (GoOrder o : orders) {
            Payment p;
            try {
                p = vipps.payment(o.reference);
                o.events = vipps.events(o.reference);
            } catch (VippsApiException e) {
                throw new Stop("verify " + o.reference, "Vipps' ePayment GET answered HTTP " + e.httpStatus() + ": "
                        + e.staffMessage(), e.traceId().orElse(null));
            }
            Answer d = api.detail(o.reference);
            if (!d.ok()) {
                throw new Stop("verify " + o.reference, "the support route answered " + d.describe(),
                        d.text("traceId"));
            }
            o.vipps = p;
            o.detail = d.json();
            Map<String, Long> atVipps = amounts(p.aggregate());
            Map<String, Long> ours = new LinkedHashMap<>();
            for (String k : List.of("authorized", "captured", "refunded", "cancelled")) {
                ours.put(k, d.json().path("amounts").path(k).asLong());
            }
            o.entry.vippsState = p.state().name();
            o.entry.vipps = atVipps;
            o.entry.ourStatus = d.text("status") + " (payment " + d.text("paymentState") + ")";
            o.entry.ours = ours;
            o.entry.verifiedAt = now().toString();
            List<String> differences = new ArrayList<>();
            Map<String, Long> expected = expectedAmounts(o);
            String expectedState = o.decision == Approver.Decision.APPROVE ? "AUTHORIZED" : "ABORTED";
            if (!p.state().name().equals(expectedState)) {
                differences.add("Vipps says " + p.state() + ", expected " + expectedState);
            }
            if (!atVipps.equals(expected)) {
                differences.add("Vipps' amounts " + atVipps + " are not the expected " + expected);
            }
            if (!p.state().name().equals(d.text("paymentState"))) {
                differences.add("Vipps says " + p.state() + ", our support route says " + d.text("paymentState"));
            }
            atVipps.forEach((k, v) -> {
                if (!v.equals(ours.get(k))) {
                    differences.add(k + ": Vipps says " + v + " øre, our support route says " + ours.get(k) + " øre");
                }
            });
            String ourExpected = o.decision == Approver.Decision.APPROVE ? o.entry.expected : "ABORTED";
            if (!ourExpected.equals(d.text("status"))) {
                differences.add("our status is " + d.text("status") + ", expected " + ourExpected);
            }
            if (differences.isEmpty()) {
                o.entry.verdict = "matches";
            } else {
                o.entry.verdict = "DIFFERS: " + String.join("; ", differences);
                report.fail("verify " + o.entry.expected + " order " + o.reference, String.join("; ", differences),
                        null);
            }
            say("  " + o.reference + "  Vipps " + p.state() + " " + atVipps + " — ours " + d.text("status") + ": "
                    + o.entry.verdict);
        }
        try {
            seen.webhooks = vipps.webhooks();
        } catch (VippsApiException e) {
            seen.webhooksUnreadable = "HTTP " + e.httpStatus() + ": " + e.staffMessage()
                    + e.traceId().map(t -> " (traceId " + t + ")").orElse("");
        }
        GoOrder any = order("refunded");
        seen.searchByReference = api.search("reference=" + any.reference);
        seen.searchByShopOrder = api.search("shopOrderId=" + any.shopOrderId);
    }

    private Map<String, Long> expectedAmounts(GoOrder o) {
        long a = o.decision == Approver.Decision.APPROVE ? settings.amount() : 0;
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("authorized", a);
        m.put("captured", o.role.equals("captured") || o.role.equals("refunded") ? a : 0L);
        m.put("refunded", o.role.equals("refunded") ? a : 0L);
        m.put("cancelled", o.role.equals("cancelled") ? a : 0L);
        return m;
    }

    static Map<String, Long> amounts(VippsAggregate agg) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("authorized", agg == null || agg.authorizedAmount() == null ? 0 : agg.authorizedAmount().value());
        m.put("captured", agg == null || agg.capturedAmount() == null ? 0 : agg.capturedAmount().value());
        m.put("refunded", agg == null || agg.refundedAmount() == null ? 0 : agg.refundedAmount().value());
        m.put("cancelled", agg == null || agg.cancelledAmount() == null ? 0 : agg.cancelledAmount().value());
        return m;
    }

    // ---- payment history -------------------------------------------------------------------------------------------

    private void paymentHistory() {
        List<GoOrder> paid = orders.stream().filter(o -> o.decision == Approver.Decision.APPROVE).toList();
        Instant until = Instant.now().plus(settings.historyWait());
        boolean told = false;
        while (true) {
            for (GoOrder o : paid) {
                if (!seen.filings.containsKey(o.reference)) {
                    Answer d = api.detail(o.reference);
                    for (JsonNode e : d.json().path("history")) {
                        if ("PAYMENT_HISTORY_FILED".equals(e.path("event").asText())
                                && "BACKEND".equals(e.path("origin").asText())) {
                            seen.filings.put(o.reference, e);
                        }
                    }
                }
            }
            if (seen.filings.size() == paid.size() || Instant.now().isAfter(until)) {
                break;
            }
            if (!told) {
                say("    waiting up to " + settings.historyWait().toSeconds() + " s for the reconciler to file "
                        + "them (" + seen.filings.size() + "/" + paid.size() + " so far)");
                told = true;
            }
            sleep(Duration.ofSeconds(2));
        }
        for (GoOrder o : paid) {
            try {
                var info = vipps.orderManagement(o.reference);
                if (info.isEmpty() || info.get().receipt() == null) {
                    seen.orderManagementMissing.add(o.reference);
                }
                info.ifPresent(i -> seen.orderManagement.put(o.reference, "receipt "
                        + (i.receipt() == null ? "missing" : "with " + i.receipt().orderLines().size()
                        + " order line(s), bottom line " + i.receipt().bottomLine().currency())
                        + (i.category() == null
                        ? ", no order-details link (optional: stack parameter OrderDetailsUrlTemplate)"
                        : ", link category "
                        + i.category().category() + " → " + i.category().orderDetailsUrl())));
            } catch (VippsApiException e) {
                throw new Stop("Order Management GET of " + o.reference, "HTTP " + e.httpStatus() + ": "
                        + e.staffMessage(), e.traceId().orElse(null));
            }
        }
    }

    // ---- clean-up --------------------------------------------------------------------------------------------------

    /**
     * In production: the captured money back, every reservation released but the AUTHORIZED one's. After a failed run
     * (either environment): whatever the run left open is cancelled, and in production captured money refunded.
     */
    private void cleanup(boolean failed) {
        boolean production = settings.production();
        for (GoOrder o : orders) {
            if (o.reference == null) {
                continue;
            }
            boolean keep = !failed && o.role.equals("authorized");
            try {
                Map<String, Long> before;
                String state;
                try {
                    Payment p = vipps.payment(o.reference);
                    state = p.state().name();
                    before = amounts(p.aggregate());
                } catch (VippsApiException e) {
                    if (e.httpStatus() != 404) {
                        throw e;
                    }
                    state = "CREATED";
                    before = amounts(null);
                }
                List<String> done = new ArrayList<>();
                boolean open = state.equals("CREATED");
                long reserved = before.get("authorized") - before.get("captured") - before.get("cancelled");
                if (failed && (open || (state.equals("AUTHORIZED") && reserved > 0)) || !failed && production
                        && state.equals("AUTHORIZED") && reserved > 0 && !keep) {
                    Answer a = api.operation(o.reference, "cancel", "{\"reason\": \"go-live clean-up\"}",
                            BackendApi.newKey());
                    done.add("cancel → " + a.status() + (a.ok() ? "" : " " + a.words()));
                }
                long refundable = before.get("captured") - before.get("refunded");
                if (production && refundable > 0) {
                    Answer a = api.operation(o.reference, "refund", "{\"reason\": \"go-live clean-up\"}",
                            BackendApi.newKey());
                    done.add("refund of " + refundable + " øre → " + a.status() + (a.ok() ? "" : " " + a.words()));
                }
                if (!done.isEmpty()) {
                    Payment after = vipps.payment(o.reference);
                    o.entry.afterCleanup = String.join(", ", done) + "; Vipps now says " + after.state() + " "
                            + amounts(after.aggregate());
                    report.actions.add("Clean-up of " + o.reference + " (" + o.entry.expected + "): "
                            + o.entry.afterCleanup + ".");
                }
            } catch (RuntimeException e) {
                report.fail("clean-up", "could not tidy up " + o.reference + " (" + e.getMessage() + "): cancel or "
                        + "refund it in the staff view", null);
            }
        }
        orders.stream().filter(o -> o.role.equals("authorized") && o.reference != null).findFirst().ifPresent(o -> {
            if (!failed && target.local()) {
                report.actions.add("Left AUTHORIZED: " + o.reference + " (in the local run, which stops with this "
                        + "command; against a deployed stack the report says how to release it later).");
            } else if (!failed) {
                report.actions.add("Left AUTHORIZED on purpose: " + o.reference + " (" + settings.amount()
                        + " øre reserved, nothing charged" + (production ? "" : ", test money") + "). When Vipps "
                        + "MobilePay has seen it, release it: infra/go-live.sh <stack> "
                        + (production ? "production" : "test") + " -Dgo-live.cancel=" + o.reference
                        + " (or the staff view's Cancel, or POST " + api.base() + "orders/" + o.reference
                        + "/cancel with a staff key and a new Idempotency-Key).");
            }
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    GoOrder order(String role) {
        return orders.stream().filter(o -> o.role.equals(role)).findFirst().orElseThrow();
    }

    Optional<GoOrder> findOrder(String role) {
        return orders.stream().filter(o -> o.role.equals(role) && o.reference != null).findFirst();
    }

    private String ask(String question) {
        settings.console().print(question);
        settings.console().flush();
        try {
            String line = settings.input().readLine();
            return line == null ? null : line.trim().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            return null;
        }
    }

    void say(String line) {
        settings.console().println(line);
        settings.console().flush();
    }

    private void step(String line) {
        say("▶ " + line);
    }

    /** A URL as the report shows it: a return token ({@code t=}) is the customer's, not ours to publish. */
    static String shownUrl(URI url) {
        return url.toString().replaceAll("([?&]t=)[^&]+", "$1…");
    }

    static String traceOf(Answer a) {
        String trace = a.text("traceId");
        String code = a.text("vippsErrorCode");
        return (trace == null ? "" : " — Vipps traceId " + trace) + (code == null ? "" : ", error code " + code);
    }

    static String nok(long ore) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", ore / 100, ore % 100);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String shorten(String text) {
        String t = text == null ? "" : text.replace('\n', ' ');
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop("waiting", "interrupted", null);
        }
    }
}

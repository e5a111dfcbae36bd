package io.github.vcl.golive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.golive.BackendApi.Answer;
import io.github.vcl.golive.GoLiveRun.GoOrder;
import io.github.vcl.golive.Report.Row;
import io.github.vcl.golive.Report.Status;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.local.simulator.delivery.Delivery;
import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.VippsSettings;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import io.github.vcl.vipps.http.VippsHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The integration checklist's rows (docs/vipps-rules.md#go-live), each decided from what the run saw: the backend's
 * answers, Vipps' own reads, and in the local run the simulator's record of every request the functions sent and
 * every callback it delivered. A row whose evidence was never gathered because the run stopped earlier is NOT_RUN; a
 * row only a person can judge says so.
 */
final class Checklist {
    private static final List<VippsOperation> CHECKOUT_FLOW = List.of(VippsOperation.CHECKOUT_CREATE_SESSION,
            VippsOperation.CHECKOUT_GET_SESSION);
    private static final List<VippsOperation> EPAYMENT_FLOW = List.of(VippsOperation.EPAYMENT_CREATE_PAYMENT);
    private static final List<VippsOperation> BOTH_FLOWS = List.of(VippsOperation.ACCESS_TOKEN,
            VippsOperation.EPAYMENT_GET_PAYMENT, VippsOperation.EPAYMENT_GET_EVENT_LOG,
            VippsOperation.EPAYMENT_CAPTURE, VippsOperation.EPAYMENT_REFUND, VippsOperation.EPAYMENT_CANCEL,
            VippsOperation.ORDER_MANAGEMENT_GET_ORDER);
    private static final List<String> SYSTEM_HEADERS = List.of(VippsHeaders.SYSTEM_NAME, VippsHeaders.SYSTEM_VERSION,
            VippsHeaders.SYSTEM_PLUGIN_NAME, VippsHeaders.SYSTEM_PLUGIN_VERSION);
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9-]{8,50}");

    private final GoLiveRun run;
    private final Report report;
    private final boolean stopped;
    private final boolean epayment;

    Checklist(GoLiveRun run) {
        this.run = run;
        this.report = run.report;
        this.stopped = run.seen.stoppedAt != null;
        this.epayment = run.orders.stream().anyMatch(o -> "epayment".equals(o.flow));
    }

    void assess() {
        endpoints();
        callbacks();
        errors();
        systemHeaders();
        paymentHistory();
        referenceFormat();
        polling();
        redirect();
        idempotency();
        finalStates();
        support();
        report.row("design").set(Status.NEEDS_PERSON, "A person checks the storefront against the Vipps MobilePay "
                        + "design guidelines: the official Vipps MobilePay logo and payment button, the brand named "
                        + "correctly, no own variations of the marks. A program cannot judge branding.")
                .evidence("Guidelines: https://developer.vippsmobilepay.com/docs/design-guidelines/")
                .evidence("Payment pages are Vipps MobilePay's own: the customer is sent to the URL Vipps returned, "
                        + "unchanged; the return page shows the outcome in Norwegian and English.");
        webhooks();
    }

    /** Whether Vipps' webhooks reach the backend's route: its registrations at Vipps, and deliveries recorded. */
    private void webhooks() {
        Row row = report.row("webhooks");
        String url = run.api.base() + "webhooks/vipps";
        if (run.seen.webhooks == null) {
            if (run.seen.webhooksUnreadable != null) {
                row.evidence("GET /webhooks/v1/webhooks: " + run.seen.webhooksUnreadable);
            }
            missing(row, "the webhook registrations were read");
            return;
        }
        List<io.github.vcl.vipps.webhook.model.Webhook> ours = run.seen.webhooks.stream()
                .filter(w -> url.equals(w.url())).toList();
        ours.forEach(w -> row.evidence("Registered at Vipps (GET /webhooks/v1/webhooks): " + w.url() + " for "
                + w.events()));
        run.orders.stream().filter(o -> o.detail != null).forEach(o -> {
            for (JsonNode e : o.detail.path("history")) {
                if ("WEBHOOK".equals(e.path("source").asText())) {
                    row.evidence(o.reference + ": " + e.path("event").asText() + " recorded from a webhook at "
                            + e.path("at").asText());
                }
            }
        });
        if (!ours.isEmpty()) {
            row.set(Status.PROVEN, "Vipps MobilePay sends the ePayment events to the backend's signed webhook route "
                    + GoLiveRun.WEBHOOK_ROUTE + ".");
        } else if (epayment) {
            row.set(Status.FAILED, "No webhook registration at Vipps points at " + url + ": the ePayment flow needs "
                    + "one in each environment: infra/register-webhooks.sh STACK (infra/DEPLOY.md, Webhooks).");
        } else {
            row.set(Status.INFO, "The backend has " + GoLiveRun.WEBHOOK_ROUTE + " for ePayment payments; no "
                    + "registration at Vipps points at it. The Checkout flow does not need it: the Checkout callback, "
                    + "polling and the reconciler decide.");
        }
    }

    /** Marks a row as not shown when the run stopped before its evidence, else as failed. */
    private void missing(Row row, String what) {
        if (stopped) {
            row.set(Status.NOT_RUN, "Not shown: the run stopped at \"" + run.seen.stoppedAt + "\" before " + what
                    + ".");
        } else {
            row.set(Status.FAILED, what);
        }
    }

    private void endpoints() {
        Row row = report.row("endpoints");
        run.seen.routeProbes.forEach(p -> row.evidence("Preflight: " + p));
        Optional<VippsSimulator> simulator = run.target.simulator();
        if (simulator.isPresent()) {
            Map<VippsOperation, List<RecordedRequest>> calls = backendCalls(backendRequests(simulator.get()));
            List<RecordedRequest> tokens = backendCalls(simulator.get().requests().stream().filter(r ->
                    !VippsDirect.PLUGIN.equals(r.header(VippsHeaders.SYSTEM_PLUGIN_NAME))).toList())
                    .getOrDefault(VippsOperation.ACCESS_TOKEN, List.of());
            List<String> absent = new ArrayList<>();
            List<VippsOperation> expected = new ArrayList<>(epayment ? EPAYMENT_FLOW : CHECKOUT_FLOW);
            expected.addAll(BOTH_FLOWS);
            for (VippsOperation op : expected) {
                List<RecordedRequest> made = calls.getOrDefault(op, List.of());
                if (made.isEmpty() && op == VippsOperation.ACCESS_TOKEN && !tokens.isEmpty()) {
                    row.evidence(op.endpoint() + ": the functions' tokens were fetched before this run (first at "
                            + tokens.get(0).receivedAt() + ") and are reused until they expire");
                } else if (made.isEmpty()) {
                    absent.add(op.endpoint());
                } else {
                    row.evidence(op.endpoint() + ": " + made.size() + " call(s) by the backend's functions, first at "
                            + made.get(0).receivedAt());
                }
            }
            if (absent.isEmpty()) {
                row.set(Status.PROVEN, "Every Vipps MobilePay endpoint the checklist names for the "
                        + (epayment ? "ePayment" : "Checkout") + " flow was called by the backend's functions during "
                        + "this run (the simulator's record of requests).");
            } else {
                missing(row, "these endpoints were never called by the backend: " + String.join(", ", absent));
            }
        } else {
            List<String> seenAtVipps = vippsEvents();
            seenAtVipps.forEach(row::evidence);
            boolean all = hasEvent("captured", "CAPTURED") && hasEvent("refunded", "REFUNDED")
                    && hasEvent("cancelled", "CANCELLED") && !run.seen.filings.isEmpty();
            if (all) {
                row.set(Status.PROVEN, "Shown by their effects at Vipps MobilePay: payments created ("
                        + (epayment ? "ePayment" : "Checkout sessions") + "), "
                        + "captures, refunds and cancels in Vipps' event log under the backend's Idempotency-Keys, "
                        + "the support route showing Vipps' event log (ePayment GET and events), and the payment "
                        + "history filed (Order Management).");
            } else {
                missing(row, "Vipps' event log lacks a capture, refund or cancel of this run, or the payment history "
                        + "was not filed");
            }
        }
        if (simulator.isPresent()) {
            vippsEvents().forEach(row::evidence);
        }
    }

    private boolean hasEvent(String role, String name) {
        return run.findOrder(role).map(o -> o.events.stream().anyMatch(e -> e.name() != null
                && e.name().name().equals(name) && Boolean.TRUE.equals(e.success()))).orElse(false);
    }

    private List<String> vippsEvents() {
        List<String> lines = new ArrayList<>();
        for (GoOrder o : run.orders) {
            for (PaymentEvent e : o.events) {
                if (e.name() != null && e.name().name().matches("CAPTURED|REFUNDED|CANCELLED")) {
                    lines.add("Vipps' event log of " + o.reference + ": " + e.name() + " "
                            + (e.amount() == null ? "" : e.amount().value() + " øre ") + "at " + e.timestamp()
                            + ", pspReference " + e.pspReference() + ", Idempotency-Key " + e.idempotencyKey()
                            + (Boolean.TRUE.equals(e.success()) ? ", success" : ", FAILED"));
                }
            }
        }
        return lines;
    }

    private static Map<VippsOperation, List<RecordedRequest>> backendCalls(List<RecordedRequest> requests) {
        Map<VippsOperation, List<RecordedRequest>> calls = new LinkedHashMap<>();
        for (RecordedRequest r : requests) {
            for (VippsOperation op : VippsOperation.values()) {
                String regex = op.pathTemplate().replaceAll("\\{[^}]+}", "[^/]+");
                if (op.method().equals(r.method()) && r.path().matches(regex)) {
                    calls.computeIfAbsent(op, k -> new ArrayList<>()).add(r);
                    break;
                }
            }
        }
        return calls;
    }

    /** The requests the backend's functions sent to the simulator since this run started (not the kit's own). */
    private List<RecordedRequest> backendRequests(VippsSimulator simulator) {
        return simulator.requests().stream()
                .filter(r -> !r.receivedAt().isBefore(report.startedAt))
                .filter(r -> !r.path().startsWith("/checkout-frontend/"))
                .filter(r -> !VippsDirect.PLUGIN.equals(r.header(VippsHeaders.SYSTEM_PLUGIN_NAME)))
                .toList();
    }

    private void callbacks() {
        Row success = report.row("callback-success");
        Row failure = report.row("callback-failure");
        List<String> viaCallback = new ArrayList<>();
        for (GoOrder o : run.orders) {
            if (o.detail == null) {
                continue;
            }
            Optional<JsonNode> entry = decision(o);
            entry.ifPresent(e -> {
                String line = o.reference + ": " + e.path("event").asText() + " recorded at " + e.path("at").asText()
                        + " from " + e.path("source").asText() + deliveries(o);
                (o.decision == Approver.Decision.APPROVE ? success : failure).evidence(line);
                if (e.path("source").asText().matches("CALLBACK|WEBHOOK")) {
                    viaCallback.add(o.role);
                }
            });
        }
        boolean paidByCallback = run.orders.stream().anyMatch(o -> o.decision == Approver.Decision.APPROVE
                && viaCallback.contains(o.role));
        if (paidByCallback) {
            success.set(Status.PROVEN, "Vipps' callback for an approved payment reached POST "
                    + "/callbacks/checkout/{reference}, was authenticated by its per-session token and recorded the "
                    + "authorization (history source CALLBACK).");
        } else if (epayment && run.orders.stream().anyMatch(o -> o.detail != null)) {
            success.set(Status.FAILED, "ePayment flow: no webhook reached the backend; every outcome was learned by "
                    + "polling. Vipps' ePayment checklist asks for webhooks as well as polling.");
        } else if (run.orders.stream().anyMatch(o -> o.detail != null)) {
            success.set(Status.FAILED, "No callback reached the backend: every approval was learned by polling. "
                    + "Check that Vipps can reach " + run.api.base() + "callbacks/checkout/{reference} (the stack's "
                    + "PublicBaseUrl parameter must be the API's public address).");
        } else {
            missing(success, "an approved payment was verified");
        }
        Optional<GoOrder> rejected = run.findOrder("rejected");
        if (!run.settings.approver().canReject()) {
            failure.set(Status.NEEDS_PERSON, "This approver cannot reject a payment. Run again with --approver "
                    + "person and reject the one payment it asks you to, to show the failed-payment callback.");
        } else if (rejected.isPresent() && rejected.get().detail != null) {
            if (viaCallback.contains("rejected")) {
                failure.set(Status.PROVEN, "The customer rejected a payment; Vipps' " + (epayment ? "webhook"
                        : "callback (paymentDetails.state TERMINATED)") + " was recorded as stopped by the customer, "
                        + "and the customer's return page says CANCELLED.");
            } else {
                failure.set(Status.FAILED, "The rejection was not learned from Vipps' " + (epayment ? "webhook"
                        : "callback") + " (see evidence).");
            }
        } else {
            missing(failure, "the rejected payment was verified");
        }
    }

    /** Our history entry that recorded the customer's decision. */
    private static Optional<JsonNode> decision(GoOrder o) {
        for (JsonNode e : o.detail.path("history")) {
            if ("BACKEND".equals(e.path("origin").asText())
                    && e.path("event").asText().matches("PAYMENT_AUTHORIZED|PAYMENT_ABORTED|PAYMENT_TERMINATED")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private String deliveries(GoOrder o) {
        if (run.target.simulator().isEmpty()) {
            return "";
        }
        List<String> answers = run.target.simulator().get().deliveries(Delivery.Channel.CHECKOUT_CALLBACK).stream()
                .filter(d -> d.url().endsWith("/callbacks/checkout/" + o.reference))
                .map(d -> String.valueOf(d.status())).toList();
        if (o.callbackDropped) {
            return " (the simulator dropped Vipps' callback for this payment on purpose)";
        }
        return answers.isEmpty() ? " (no callback delivered)"
                : " (simulator: callback delivered, our answer HTTP " + String.join(", ", answers) + ")";
    }

    private void errors() {
        Row row = report.row("errors");
        Answer ours = run.seen.ourRefusal;
        Answer vipps = run.seen.vippsRefusal;
        if (ours == null || vipps == null) {
            missing(row, "the refusals were shown");
            return;
        }
        row.evidence("Refund of " + (run.settings.amount() + 100) + " øre, more than captured: HTTP " + ours.status()
                + " " + ours.contentType().split(";")[0] + ", detail \"" + ours.words()
                + "\" — refused by the backend "
                + "before anything was sent to Vipps, nothing changed.");
        row.evidence(run.seen.portalRefund + "; then a refund of " + run.settings.amount() + " øre through our API: "
                + "HTTP " + vipps.status() + ", detail \"" + vipps.words() + "\"" + GoLiveRun.traceOf(vipps) + ".");
        run.findOrder("rejected").ifPresent(o -> row.evidence("The customer's return page for the rejected payment "
                + "" + o.reference + " shows the outcome " + o.outcome + " in words (Norwegian and English)."));
        run.findOrder("refunded").filter(o -> o.detail != null).ifPresent(o -> {
            JsonNode e = o.detail.path("lastVippsError");
            if (!e.isMissingNode() && !e.isNull()) {
                row.evidence("The staff view's last Vipps error for " + o.reference + ": code " + e.path("code")
                        .asText() + ", traceId " + e.path("traceId").asText() + ", \"" + e.path("message").asText()
                        + "\".");
            }
        });
        boolean plain = ours.status() == 422 && ours.problem() && ours.words().length() > 20;
        boolean traced = vipps.status() == 409 && vipps.problem() && vipps.text("traceId") != null
                && vipps.words().contains("Vipps");
        if (plain && traced) {
            row.set(Status.PROVEN, "Refusals are problem+json with a sentence for the person who asked; when Vipps "
                    + "refused, the answer names Vipps' traceId and error code for a support case.");
        } else {
            row.set(Status.FAILED, (plain ? "" : "The refund above the captured amount was not refused with a plain "
                    + "422. ") + (traced ? "" : "Vipps' refusal did not reach the caller as a 409 with Vipps' "
                    + "traceId."));
        }
    }

    private void systemHeaders() {
        Row row = report.row("system-headers");
        Optional<VippsSimulator> simulator = run.target.simulator();
        if (simulator.isPresent()) {
            List<RecordedRequest> requests = backendRequests(simulator.get());
            if (requests.isEmpty()) {
                missing(row, "the backend called Vipps");
                return;
            }
            Map<String, Set<String>> values = new LinkedHashMap<>();
            List<String> bad = new ArrayList<>();
            for (RecordedRequest r : requests) {
                for (String h : SYSTEM_HEADERS) {
                    String v = r.header(h);
                    if (v == null || v.isBlank() || v.length() > VippsSettings.MAX_SYSTEM_HEADER_LENGTH) {
                        bad.add(r.method() + " " + r.path() + " " + h + "=" + v);
                    } else {
                        values.computeIfAbsent(h, k -> new LinkedHashSet<>()).add(v);
                    }
                }
            }
            values.forEach((h, v) -> row.evidence(h + ": " + String.join(", ", v)));
            row.evidence("Recorded by the simulator on " + requests.size() + " requests the backend's functions "
                    + "sent in this run, the token call included (the go-live's own checks send plugin name "
                    + VippsDirect.PLUGIN + " and are not counted).");
            if (bad.isEmpty()) {
                row.set(Status.PROVEN, "All four Vipps-System-* headers, each 1–30 characters, on every request the "
                        + "backend sent to Vipps MobilePay.");
            } else {
                row.set(Status.FAILED, "Requests without a valid Vipps-System-* header: " + String.join("; ",
                        bad.subList(0, Math.min(5, bad.size()))));
            }
        } else {
            Map<String, String> configured = configuredSystemHeaders();
            configured.forEach((h, v) -> row.evidence(h + ": " + v));
            row.evidence("From the backend's configuration (application.properties; template.yaml overrides none). "
                    + "The go-live's own calls to Vipps sent the same name and version, plugin name "
                    + VippsDirect.PLUGIN + ".");
            row.set(Status.CONFIGURED, "Every Vipps call of the backend carries the four Vipps-System-* headers "
                    + "(io.github.vcl.vipps.http.VippsHeadersFilter; values at most 30 characters, checked at start).");
        }
    }

    /** The values application.properties gives the functions (template.yaml sets no VIPPS_SYSTEM_* variable). */
    static Map<String, String> configuredSystemHeaders() {
        Properties p = new Properties();
        try (InputStream in = Checklist.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = System.getProperty("go-live.app-version", "0.1.0");
        Map<String, String> values = new LinkedHashMap<>();
        values.put(VippsHeaders.SYSTEM_NAME, resolve(p.getProperty("vipps.system.name"), version));
        values.put(VippsHeaders.SYSTEM_VERSION, resolve(p.getProperty("vipps.system.version"), version));
        values.put(VippsHeaders.SYSTEM_PLUGIN_NAME, resolve(p.getProperty("vipps.system.plugin-name"), version));
        values.put(VippsHeaders.SYSTEM_PLUGIN_VERSION, resolve(p.getProperty("vipps.system.plugin-version"),
                version));
        return values;
    }

    private static String resolve(String value, String version) {
        return value == null ? "(not set)" : value.replaceAll("\\$\\{quarkus\\.application\\.version(:[^}]*)?}",
                version);
    }

    private void paymentHistory() {
        Row row = report.row("payment-history");
        List<GoOrder> paid = run.orders.stream().filter(o -> o.decision == Approver.Decision.APPROVE
                && o.reference != null).toList();
        if (run.seen.orderManagement.isEmpty() && run.seen.orderManagementMissing.isEmpty()) {
            missing(row, "the payment history was read back");
            return;
        }
        for (GoOrder o : paid) {
            JsonNode filed = run.seen.filings.get(o.reference);
            row.evidence(o.reference + ": Order Management GET → " + run.seen.orderManagement.getOrDefault(
                    o.reference, "nothing") + (filed == null ? "; the backend had not yet recorded its filing"
                    : "; backend history " + filed.path("event").asText() + " at " + filed.path("at").asText()
                    + " (" + filed.path("detail").asText() + ")"));
        }
        if (run.seen.orderManagementMissing.isEmpty()) {
            row.set(Status.PROVEN, "Vipps MobilePay holds a receipt for every paid test order (Order Management GET), "
                    + "filed with the payment (Checkout's orderSummary, ePayment's receipt) or by the reconciler, which "
                    + "records the filing on the order.");
        } else {
            row.set(Status.FAILED, "No receipt at Vipps for " + String.join(", ", run.seen.orderManagementMissing));
        }
    }

    private void referenceFormat() {
        Row row = report.row("reference-format");
        List<String> refs = run.orders.stream().map(o -> o.reference).filter(r -> r != null).toList();
        if (refs.isEmpty()) {
            missing(row, "an order was created");
            return;
        }
        List<String> wrong = new ArrayList<>();
        for (String r : refs) {
            if (!REFERENCE.matcher(r).matches() || !r.matches(".*-[1-9][0-9]{0,2}") || r.matches("[0-9-]+")) {
                wrong.add(r);
            }
        }
        boolean unique = new HashSet<>(refs).size() == refs.size();
        refs.forEach(r -> row.evidence(r));
        row.evidence("Shape PREFIX-yyMMdd-XXXXXXXX-N: the stack's ReferencePrefix, the date, a random part, the "
                + "payment attempt; 8–50 characters of letters, digits and '-', unique per sales unit.");
        if (wrong.isEmpty() && unique) {
            row.set(Status.PROVEN, "Every reference is 8–50 characters of [A-Za-z0-9-], readable and not purely "
                    + "numeric, unique, with a new suffix per payment attempt.");
        } else {
            row.set(Status.FAILED, "References not as recommended: " + wrong + (unique ? "" : " (not unique)"));
        }
    }

    private void polling() {
        Row row = report.row("polling");
        List<String> polled = new ArrayList<>();
        for (GoOrder o : run.orders) {
            if (o.detail == null) {
                continue;
            }
            decision(o).filter(e -> e.path("source").asText().matches("POLL|RECONCILER")).ifPresent(e -> {
                polled.add(o.reference);
                row.evidence(o.reference + ": " + (o.callbackDropped ? "Vipps' callback was dropped on purpose; "
                        : "") + e.path("event").asText() + " learned by asking Vipps (source " + e.path("source")
                        .asText() + ") at " + e.path("at").asText());
            });
            if (o.outcome != null) {
                row.evidence(o.reference + ": the shop's status route GET /checkout/sessions/{reference} answered "
                        + o.outcome);
            }
        }
        if (!polled.isEmpty()) {
            row.set(Status.PROVEN, "An outcome whose callback never came was learned by polling Vipps (the status "
                    + "route asks ePayment while a payment is open; the reconciler asks about every open order).");
        } else if (run.target.local()) {
            missing(row, "an outcome was learned by polling");
        } else if (run.orders.stream().anyMatch(o -> o.detail != null)) {
            row.set(Status.CONFIGURED, "Every callback arrived first in this run, so no outcome needed polling. "
                    + "Polling is in place: the status route asks ePayment while a payment is open (first ~5 s after "
                    + "the session, then at most every poll interval), and the reconciler asks about every open "
                    + "order each minute.");
        } else {
            missing(row, "an order was verified");
        }
    }

    private void redirect() {
        Row row = report.row("redirect");
        List<GoOrder> followed = run.orders.stream().filter(o -> o.returnedTo.isPresent()).toList();
        if (!followed.isEmpty()) {
            for (GoOrder o : followed) {
                o.entry.notes.stream().filter(n -> n.startsWith("the Vipps page sent")).forEach(n ->
                        row.evidence(o.reference + ": " + n));
            }
            boolean ours = followed.stream().allMatch(o -> o.returnedTo.get().toString()
                    .startsWith(run.api.base() + "return/" + o.reference + "?"));
            row.set(ours ? Status.PROVEN : Status.FAILED, ours ? "After the decision Vipps sends the browser to "
                    + "the backend's stateless return page (only the reference and a per-session token in the URL), "
                    + "which asks the backend for the outcome; returning alone never counts as paid."
                    : "The browser was not sent to the backend's return page (see evidence).");
        } else if (run.seen.redirectAnswer != null) {
            boolean yes = run.seen.redirectAnswer.startsWith("y");
            row.evidence("The operator answered \"" + run.seen.redirectAnswer + "\" to: did the browser end on the "
                    + "return page saying \"Payment approved\"?");
            row.set(yes ? Status.PROVEN : Status.FAILED, yes ? "Confirmed by the person who paid." : "The person "
                    + "who paid did not see the return page say \"Payment approved\".");
        } else if (run.settings.approver().person() || run.orders.stream().anyMatch(o -> o.detail != null)) {
            row.set(Status.NEEDS_PERSON, "Pay one order in a browser and check that it ends on the shop's return "
                    + "page saying \"Payment approved\" (this approver does not pass through a browser).");
        } else {
            missing(row, "a payment was approved");
        }
    }

    private void idempotency() {
        Row row = report.row("idempotency");
        Answer retry = run.seen.initiateRetry;
        Answer first = run.seen.captureFirst;
        Answer again = run.seen.captureRetry;
        if (retry == null || first == null || again == null) {
            missing(row, "the retries were sent");
            return;
        }
        boolean sameSession = retry.ok() && run.seen.initiateFirstReference.equals(retry.text("reference"));
        row.evidence("POST /checkout/sessions sent twice with one Idempotency-Key: HTTP " + retry.status()
                + " with the same reference " + retry.text("reference") + (sameSession ? "" : " — NOT the same"));
        String key = first.json().path("operation").path("idempotencyKey").asText();
        boolean sameOperation = again.status() == 200 && key.equals(again.json().path("operation")
                .path("idempotencyKey").asText());
        GoOrder captured = run.order("captured");
        long captures = captured.events.stream().filter(e -> e.name() != null && e.name().name().equals("CAPTURED")
                && Boolean.TRUE.equals(e.success())).count();
        row.evidence("POST /orders/" + captured.reference + "/capture sent twice with one Idempotency-Key: HTTP "
                + again.status() + ", the same operation (Vipps Idempotency-Key " + key + "); Vipps' event log shows "
                + captures + " capture(s)");
        if (sameSession && sameOperation && captures == 1) {
            row.set(Status.PROVEN, "A retried request gets the first answer again; Vipps is called with the same "
                    + "Idempotency-Key and moves the money once.");
        } else if (captured.events.isEmpty() && stopped) {
            missing(row, "Vipps' event log was read");
        } else {
            row.set(Status.FAILED, "A retried request was not answered as the first one, or Vipps captured twice "
                    + "(see evidence).");
        }
    }

    private void finalStates() {
        Row row = report.row("final-states");
        List<GoOrder> verified = run.orders.stream().filter(o -> o.entry.verifiedAt != null).toList();
        for (GoOrder o : run.orders) {
            if (o.reference != null) {
                row.evidence(o.entry.expected + ": " + o.reference + " — " + o.entry.verdict
                        + (o.entry.verifiedAt == null ? "" : " (Vipps " + o.entry.vippsState + " " + o.entry.vipps
                        + ", ours " + o.entry.ourStatus + ", " + o.entry.verifiedAt + ")"));
            }
        }
        if (verified.size() < run.orders.size()) {
            missing(row, "every order was verified");
        } else if (verified.stream().allMatch(o -> o.entry.verdict.equals("matches"))) {
            row.set(Status.PROVEN, "Each reference ended as planned at Vipps (ePayment GET with the merchant's keys, "
                    + "independent of our table), and our support route says the same, amounts included.");
        } else {
            row.set(Status.FAILED, "Vipps and our record differ, or an order did not end as planned (see \"What "
                    + "failed\").");
        }
    }

    private void support() {
        Row row = report.row("support-tooling");
        List<GoOrder> verified = run.orders.stream().filter(o -> o.detail != null).toList();
        if (verified.isEmpty()) {
            missing(row, "the support route was read");
            return;
        }
        for (GoOrder o : verified) {
            JsonNode d = o.detail;
            List<String> actions = new ArrayList<>();
            for (JsonNode a : d.path("possibleActions")) {
                actions.add(a.path("type").asText() + (a.path("possible").asBoolean() ? " up to "
                        + a.path("maximum").asLong() : " no"));
            }
            int ours = 0;
            int theirs = 0;
            for (JsonNode e : d.path("history")) {
                if ("VIPPS".equals(e.path("origin").asText())) {
                    theirs++;
                } else {
                    ours++;
                }
            }
            row.evidence("GET /orders/" + o.reference + ": " + d.path("statusText").asText() + "; possible actions "
                    + actions + "; history " + ours + " entries of ours merged with " + theirs + " of Vipps' event "
                    + "log" + (d.path("lastVippsError").isObject() ? "; last Vipps error with traceId" : ""));
        }
        Answer byRef = run.seen.searchByReference;
        Answer byShop = run.seen.searchByShopOrder;
        boolean found = byRef != null && byRef.ok() && byRef.json().path("orders").size() == 1
                && byShop != null && byShop.ok() && byShop.json().path("orders").size() >= 1;
        if (byRef != null) {
            row.evidence("GET /orders?reference=… → " + byRef.status() + " with "
                    + byRef.json().path("orders").size()
                    + " order; GET /orders?shopOrderId=… → " + (byShop == null ? "-" : byShop.status() + " with "
                    + byShop.json().path("orders").size()));
        }
        row.evidence("Staff capture, refund and cancel with their own keys and rights (POST /orders/{reference}/…), "
                + "as this run did; the demo shop's staff view shows how a shop uses these routes.");
        if (found && verified.size() == run.orders.size()) {
            row.set(Status.PROVEN, "Staff find orders by reference or shop order, see status, amounts, what is "
                    + "possible now, our history merged with Vipps' event log and Vipps' last error, and capture, "
                    + "refund or cancel — without the Vipps portal.");
        } else {
            missing(row, "every order was looked up through the support routes");
        }
    }
}

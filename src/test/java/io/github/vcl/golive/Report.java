package io.github.vcl.golive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one go-live run found: the filled-in integration checklist (each row with its status and the evidence gathered
 * in the run), the test orders with their final states at Vipps and in our records, what failed and why, and the
 * generated description of the solution. Written as {@code go-live-report.md} and {@code go-live-report.json}
 * ({@link ReportWriter}); nothing in it is a key or a customer's personal data.
 */
final class Report {

    enum Status {
        /** Shown in this run, with evidence. */
        PROVEN,
        /** In place according to the deployment's configuration; not observable from outside in this run. */
        CONFIGURED,
        /** Only a person can judge or do it; the row says what to do. */
        NEEDS_PERSON,
        /** Checked and found wrong, or could not be shown because an earlier step failed. */
        FAILED,
        /** Not reached: the run stopped before. */
        NOT_RUN,
        /** For Vipps' information; nothing to prove. */
        INFO
    }

    /** One checklist row. */
    static final class Row {
        final String id;
        final String title;
        Status status = Status.NOT_RUN;
        String summary = "Not reached: the run stopped before this step.";
        final List<String> evidence = new ArrayList<>();

        Row(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Row set(Status value, String text) {
            status = value;
            summary = text;
            return this;
        }

        Row evidence(String line) {
            evidence.add(line);
            return this;
        }
    }

    /** One test order: what it should end as, and what Vipps and our support route say it is. */
    static final class OrderEntry {
        final String role;
        final String expected;
        String reference;
        String createdAt;
        String vippsState;
        Map<String, Long> vipps;
        String ourStatus;
        Map<String, Long> ours;
        String verifiedAt;
        String verdict = "not verified";
        String afterCleanup;
        final List<String> notes = new ArrayList<>();

        OrderEntry(String role, String expected) {
            this.role = role;
            this.expected = expected;
        }
    }

    /** Something that went wrong, in words, with Vipps' traceId where Vipps answered. */
    record Failure(String step, String what, String traceId) {
    }

    final String runId;
    final Instant startedAt;
    Instant finishedAt;
    final Map<String, String> setting = new LinkedHashMap<>();
    final Map<String, Row> rows = new LinkedHashMap<>();
    final List<OrderEntry> orders = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    final List<String> description = new ArrayList<>();
    final List<String> forVipps = new ArrayList<>();

    Report(String runId, Instant startedAt) {
        this.runId = runId;
        this.startedAt = startedAt;
        for (String[] row : ROWS) {
            rows.put(row[0], new Row(row[0], row[1]));
        }
    }

    static final String[][] ROWS = {
            {"endpoints", "API endpoints integrated (Access Token, Checkout session or ePayment create, ePayment "
                    + "get/events/capture/refund/cancel, Order Management)"},
            {"callback-success", "Callbacks handled: successful payment"},
            {"callback-failure", "Callbacks handled: failed or cancelled payment"},
            {"errors", "Errors shown to users in plain words, with Vipps' traceId"},
            {"system-headers", "Vipps-System-* headers sent"},
            {"payment-history", "Payment history and receipts filed (Order Management)"},
            {"reference-format", "Reference format"},
            {"polling", "Polling as well as callbacks"},
            {"redirect", "Redirect handling (returnUrl)"},
            {"idempotency", "Idempotency-Keys: a retried request moves no money twice"},
            {"final-states", "Test references end AUTHORIZED, CAPTURED, REFUNDED and CANCELLED, verified with "
                    + "Vipps' own ePayment GET"},
            {"support-tooling", "Support tooling: staff need not use the Vipps portal"},
            {"design", "Design guidelines (branding review)"},
            {"webhooks", "Webhooks"},
    };

    Row row(String id) {
        Row row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no checklist row " + id);
        }
        return row;
    }

    OrderEntry order(String role) {
        return orders.stream().filter(o -> o.role.equals(role)).findFirst().orElseThrow();
    }

    Optional<OrderEntry> findOrder(String role) {
        return orders.stream().filter(o -> o.role.equals(role)).findFirst();
    }

    void fail(String step, String what, String traceId) {
        failures.add(new Failure(step, what, traceId));
    }

    /** Passed: nothing failed, and every row a program can prove is proven (or configured, for a deployed stack). */
    boolean passed() {
        return failures.isEmpty() && rows.values().stream()
                .noneMatch(r -> r.status == Status.FAILED || r.status == Status.NOT_RUN);
    }
}

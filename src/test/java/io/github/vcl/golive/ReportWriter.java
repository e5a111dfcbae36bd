package io.github.vcl.golive;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Report} as {@code go-live-report.md} (for people, and to send to Vipps MobilePay) and
 * {@code go-live-report.json} (the same facts for programs). As a last guard, every value the run knows to be secret
 * (API keys, Vipps keys, tokens) is replaced before anything reaches the disk, should one ever slip into a message.
 */
final class ReportWriter {
    static final String MARKDOWN = "go-live-report.md";
    static final String JSON = "go-live-report.json";
    private static final String REDACTED = "[redacted]";

    private final Collection<String> secrets;

    ReportWriter(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 6).toList();
    }

    List<Path> write(Report report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path md = dir.resolve(MARKDOWN);
            Path json = dir.resolve(JSON);
            Files.writeString(md, redact(markdown(report)), StandardCharsets.UTF_8);
            Files.writeString(json, redact(BackendApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json(report))), StandardCharsets.UTF_8);
            return List.of(md, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    static String markdown(Report r) {
        StringBuilder md = new StringBuilder();
        md.append("# Vipps MobilePay go-live report\n\n");
        md.append(r.passed() ? "**Result: every checklist row a program can prove is proven.**"
                : "**Result: NOT READY — see \"What failed\".**");
        long people = r.rows.values().stream().filter(row -> row.status == Report.Status.NEEDS_PERSON).count();
        if (people > 0) {
            md.append(" ").append(people).append(people == 1 ? " row needs" : " rows need")
                    .append(" a person (marked NEEDS_PERSON).");
        }
        md.append("\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| Run | `").append(r.runId).append("` |\n");
        md.append("| Started | ").append(r.startedAt).append(" |\n");
        md.append("| Finished | ").append(r.finishedAt).append(" |\n");
        r.setting.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        md.append("\n");

        if (!r.failures.isEmpty()) {
            md.append("## What failed\n\n");
            for (Report.Failure f : r.failures) {
                md.append("- **").append(f.step()).append("**: ").append(f.what());
                if (f.traceId() != null) {
                    md.append(" (Vipps traceId `").append(f.traceId()).append("`)");
                }
                md.append("\n");
            }
            md.append("\n");
        }

        md.append("## Test orders\n\n");
        md.append("| should end | reference | Vipps (ePayment GET) | our support route | verified | result |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Report.OrderEntry o : r.orders) {
            md.append("| ").append(o.expected).append(" | ")
                    .append(o.reference == null ? "—" : "`" + o.reference + "`")
                    .append(" | ").append(o.vippsState == null ? "—" : o.vippsState + " " + amounts(o.vipps))
                    .append(" | ").append(o.ourStatus == null ? "—" : o.ourStatus + " " + amounts(o.ours))
                    .append(" | ").append(o.verifiedAt == null ? "—" : o.verifiedAt)
                    .append(" | ").append(cell(o.verdict)).append(" |\n");
        }
        md.append("\nAmounts in øre: a = authorized, c = captured, r = refunded, x = cancelled.\n");
        for (Report.OrderEntry o : r.orders) {
            if (!o.notes.isEmpty() || o.afterCleanup != null) {
                md.append("\n`").append(o.reference == null ? o.role : o.reference).append("` (").append(o.expected)
                        .append("):\n");
                o.notes.forEach(n -> md.append("- ").append(n).append("\n"));
                if (o.afterCleanup != null) {
                    md.append("- after clean-up: ").append(o.afterCleanup).append("\n");
                }
            }
        }
        md.append("\n");

        md.append("## Integration checklist\n\n");
        md.append("| # | item | status | summary |\n|---|---|---|---|\n");
        int n = 1;
        for (Report.Row row : r.rows.values()) {
            md.append("| ").append(n++).append(" | ").append(cell(row.title)).append(" | **").append(row.status)
                    .append("** | ").append(cell(row.summary)).append(" |\n");
        }
        md.append("\n### Evidence\n");
        for (Report.Row row : r.rows.values()) {
            md.append("\n#### ").append(row.title).append(" — ").append(row.status).append("\n\n");
            md.append(row.summary).append("\n");
            if (!row.evidence.isEmpty()) {
                md.append("\n");
                row.evidence.forEach(e -> md.append("- ").append(e).append("\n"));
            }
        }

        if (!r.actions.isEmpty()) {
            md.append("\n## What this run did and what is left\n\n");
            r.actions.forEach(a -> md.append("- ").append(a).append("\n"));
        }
        md.append("\n## The solution\n\n");
        r.description.forEach(d -> md.append(d).append("\n"));
        md.append("\n## What to send to Vipps MobilePay\n\n");
        r.forVipps.forEach(d -> md.append("- ").append(d).append("\n"));
        return md.toString();
    }

    static ObjectNode json(Report r) {
        ObjectNode root = BackendApi.JSON.createObjectNode();
        root.put("runId", r.runId);
        root.put("passed", r.passed());
        root.put("startedAt", String.valueOf(r.startedAt));
        root.put("finishedAt", String.valueOf(r.finishedAt));
        ObjectNode setting = root.putObject("setting");
        r.setting.forEach(setting::put);
        ArrayNode failures = root.putArray("failures");
        r.failures.forEach(f -> failures.addObject().put("step", f.step()).put("what", f.what())
                .put("traceId", f.traceId()));
        ArrayNode orders = root.putArray("orders");
        for (Report.OrderEntry o : r.orders) {
            ObjectNode order = orders.addObject().put("role", o.role).put("expected", o.expected)
                    .put("reference", o.reference).put("createdAt", o.createdAt).put("vippsState", o.vippsState)
                    .put("ourStatus", o.ourStatus).put("verifiedAt", o.verifiedAt).put("verdict", o.verdict)
                    .put("afterCleanup", o.afterCleanup);
            if (o.vipps != null) {
                order.set("vippsAmounts", BackendApi.JSON.valueToTree(o.vipps));
            }
            if (o.ours != null) {
                order.set("ourAmounts", BackendApi.JSON.valueToTree(o.ours));
            }
            order.set("notes", BackendApi.JSON.valueToTree(o.notes));
        }
        ArrayNode rows = root.putArray("checklist");
        for (Report.Row row : r.rows.values()) {
            rows.addObject().put("id", row.id).put("item", row.title).put("status", row.status.name())
                    .put("summary", row.summary).set("evidence", BackendApi.JSON.valueToTree(row.evidence));
        }
        root.set("actions", BackendApi.JSON.valueToTree(r.actions));
        root.set("solution", BackendApi.JSON.valueToTree(r.description));
        root.set("forVipps", BackendApi.JSON.valueToTree(r.forVipps));
        return root;
    }

    private static String amounts(Map<String, Long> a) {
        if (a == null) {
            return "";
        }
        return "(a " + a.get("authorized") + ", c " + a.get("captured") + ", r " + a.get("refunded") + ", x "
                + a.get("cancelled") + ")";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}

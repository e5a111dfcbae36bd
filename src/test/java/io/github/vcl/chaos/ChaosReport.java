package io.github.vcl.chaos;

import io.github.vcl.local.lambda.LocalLambdas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The result table of a chaos run in Markdown: figures by section, then each invariant and coverage condition with its
 * numbers and first offenders. Written to {@code target/chaos/report-<seed>.md}; with {@code chaos.report-doc} set
 * (the {@code chaos} profile sets it to {@code docs/reliability.md}) it also replaces that file's section between
 * {@value #BEGIN} and {@value #END}.
 */
final class ChaosReport {
    static final String BEGIN = "<!-- chaos-report:begin -->";
    static final String END = "<!-- chaos-report:end -->";

    private ChaosReport() {
    }

    static String markdown(Verdict verdict) {
        StringBuilder md = new StringBuilder();
        ChaosSettings settings = verdict.settings;
        md.append("Chaos run of ").append(LocalDate.now(ZoneOffset.UTC)).append(": seed ").append(settings.seed())
                .append(", ").append(settings.orders()).append(" orders — ")
                .append(verdict.passed() ? "**all invariants hold**" : "**invariants fail**").append("\n\n");
        md.append("| | |\n|---|---:|\n");
        for (Map.Entry<String, Map<String, String>> section : verdict.figures.entrySet()) {
            md.append("| **").append(section.getKey()).append("** | |\n");
            section.getValue().forEach((label, value) -> md.append("| ").append(escape(label)).append(" | ")
                    .append(escape(value)).append(" |\n"));
        }
        md.append("\n| Invariant | | Numbers |\n|---|---|---|\n");
        rows(md, verdict.invariants);
        md.append("\n| Coverage of the run | | |\n|---|---|---|\n");
        rows(md, verdict.coverage);
        boolean offenders = false;
        for (Verdict.Check check : concat(verdict.invariants, verdict.coverage)) {
            if (!check.passed() && !check.examples().isEmpty()) {
                if (!offenders) {
                    md.append("\nFirst offenders:\n");
                    offenders = true;
                }
                md.append("\n- ").append(check.name()).append(":\n");
                check.examples().forEach(e -> md.append("  - ").append(e.replace("\n", " ")).append('\n'));
            }
        }
        md.append("\nReproduce: `").append(settings.reproduce()).append("`\n");
        return md.toString();
    }

    static String journal(Journal journal) {
        StringBuilder text = new StringBuilder();
        journal.orders.values().stream().sorted(java.util.Comparator.comparingInt(o -> o.index)).forEach(order -> {
            text.append(order.shopOrderId).append(" amount ").append(order.amount).append(" attempts ")
                    .append(order.references).append(" customer ").append(order.customer).append('\n');
            journal.intents.stream().filter(i -> i.order == order.index).forEach(intent -> {
                text.append("  ").append(intent.misuseOf != null ? "MISUSE " : "").append(intent.type).append(' ')
                        .append(intent.reference == null ? "" : intent.reference + " ")
                        .append(intent.amount == null ? "all" : intent.amount).append(" by ").append(intent.actor)
                        .append(" key ").append(intent.key).append('\n');
                intent.replies.forEach(r -> text.append("    ").append(r.sentAt()).append(" +").append(r.millis())
                        .append(" ms → ").append(r.answered() ? r.status() + " "
                        + (r.body() == null ? "" : r.body().length() > 400 ? r.body().substring(0, 400) : r.body())
                        : "lost (" + r.lost() + ")" + (r.status() > 0 ? ", was " + r.status() : ""))
                        .append(r.requestId() == null ? "" : "  [" + r.requestId() + "]").append('\n'));
            });
            journal.portal.stream().filter(p -> p.order() == order.index).forEach(p -> text.append("  PORTAL ")
                    .append(p).append('\n'));
        });
        journal.notes.forEach(note -> text.append(note).append('\n'));
        return text.toString();
    }

    private static void rows(StringBuilder md, List<Verdict.Check> checks) {
        for (Verdict.Check check : checks) {
            md.append("| ").append(escape(check.name())).append(" | ").append(check.passed() ? "pass" : "**FAIL**")
                    .append(" | ").append(escape(check.numbers())).append(" |\n");
        }
    }

    private static List<Verdict.Check> concat(List<Verdict.Check> a, List<Verdict.Check> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Writes the report beside the build output (with the journal: every shop order's attempts, customer, intents
     * and every answer they got, for following an offender), and into the report document when one is configured.
     */
    static Path write(Verdict verdict, Journal journal, List<LocalLambdas.Invocation> invocations, Path projectDir) {
        String md = markdown(verdict);
        try {
            Path dir = Files.createDirectories(projectDir.resolve("target/chaos"));
            Path file = dir.resolve("report-" + verdict.settings.seed() + ".md");
            Files.writeString(file, md);
            Files.writeString(dir.resolve("journal-" + verdict.settings.seed() + ".txt"), journal(journal));
            StringBuilder csv = new StringBuilder("function,requestId,status,outcome,millis,waitedMillis\n");
            invocations.forEach(i -> csv.append(i.function()).append(',').append(i.requestId()).append(',')
                    .append(i.statusCode()).append(',').append(i.outcome()).append(',').append(i.millis())
                    .append(',').append(i.waitedMillis()).append('\n'));
            Files.writeString(dir.resolve("invocations-" + verdict.settings.seed() + ".csv"), csv);
            Path doc = verdict.settings.reportDoc();
            if (doc != null && Files.isRegularFile(doc)) {
                String text = Files.readString(doc);
                int begin = text.indexOf(BEGIN);
                int end = text.indexOf(END);
                if (begin >= 0 && end > begin) {
                    Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + md + "\n"
                            + text.substring(end));
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.vcl.bench;

import io.github.vcl.deploy.PackagedWorld;
import io.github.vcl.local.LocalSystem;
import io.github.vcl.local.lambda.FunctionProcess;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cold start of the packaged artifact against a bare Funqy function with the same extensions (issue 13, item 4),
 * printed as ratios measured in one run (not timed assertions). Per export of template.yaml: {@code function.zip}
 * unpacked as Lambda's task root, started under AWS's runtime interface client with the environment template.yaml
 * gives it (secrets from a local Secrets Manager, the table in dynalite) and handed its first event
 * ({@link FirstRequest}); then the bare function ({@link BareFunctionProject}) the same way with the same event —
 * alternately, {@value #PAIRS} pairs (after one unmeasured start of each, so that both read their jars from a warm
 * file cache). Prints per export the medians of start-to-first-response, of the first invocation and of the CPU time
 * used to the first response, for both, and their ratios; the table also goes to
 * {@code target/cold-start/cold-start.md} (docs/benchmarks.md holds the last run's).
 * <p>
 * {@code ./mvnw -B test -Pbench} (the profile packages function.zip before the tests);
 * {@code -Dbench.cold-start-pairs=N} for more pairs, {@code -Dbench.cold-start-exports=status,callback} for some.
 */
@Tag("benchmark")
class ColdStartBenchmarkTest {
    private static final Logger LOG = Logger.getLogger(ColdStartBenchmarkTest.class);
    static final int PAIRS = 5;

    @Test
    void coldStart() throws Exception {
        Path basedir = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
        Path zip = basedir.resolve("target/function.zip");
        assertTrue(Files.isRegularFile(zip), zip + " is packaged by -Pbench before the tests");
        Path dir = Files.createDirectories(basedir.resolve("target/cold-start"));
        Path bare = LocalSystem.unpack(BareFunctionProject.packageIn(basedir), dir.resolve("bare"));
        Path app = LocalSystem.unpack(zip, dir.resolve("function"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        FunctionProcess.Runtime runtime = LocalSystem.runtime(dir.resolve("runtime"));
        int pairs = Integer.getInteger("bench.cold-start-pairs", PAIRS);
        List<String> exports = List.of(System.getProperty("bench.cold-start-exports", "").split(",")).stream()
                .filter(e -> !e.isBlank()).toList();
        String loadBefore = loadAverage();
        List<String> rows = new ArrayList<>();
        try (PackagedWorld world = PackagedWorld.start()) {
            String table = world.newTable();
            for (FirstRequest request : FirstRequest.all(world).stream().filter(r -> exports.isEmpty()
                    || exports.contains(r.export())).toList()) {
                Map<String, String> env = world.environment(request.export(), table);
                Runner ours = i -> ColdStart.measure(request.export(), FunctionProcess.HANDLER, app, runtime, env,
                        request.event(), logs.resolve(request.export() + "-" + i + ".log"));
                Runner baseline = i -> ColdStart.measure(BareFunctionProject.EXPORT, BareFunctionProject.HANDLER,
                        bare, runtime, PackagedWorld.lambdaCredentials(), request.event(),
                        logs.resolve("bare-" + request.export() + "-" + i + ".log"));
                ours.run(0);
                baseline.run(0);
                List<ColdStart> measured = new ArrayList<>();
                List<ColdStart> bareMeasured = new ArrayList<>();
                for (int i = 1; i <= pairs; i++) {
                    // Alternately first, so that neither always starts right after the other.
                    if (i % 2 == 1) {
                        measured.add(ours.run(i));
                        bareMeasured.add(baseline.run(i));
                    } else {
                        bareMeasured.add(baseline.run(i));
                        measured.add(ours.run(i));
                    }
                }
                for (ColdStart start : measured) {
                    assertEquals(request.answer(), FirstRequest.outcome(start.answer()), request.export() + ": "
                            + start.answer());
                }
                rows.add(row(request, measured, bareMeasured));
                LOG.warnf("BENCHMARK cold start %s", rows.get(rows.size() - 1));
            }
        }
        String report = table(rows, pairs);
        Files.writeString(dir.resolve("cold-start.md"), report);
        LOG.warnf("BENCHMARK cold start (%d pairs; load average %s before, %s after)%n%s", pairs, loadBefore,
                loadAverage(), report);
    }

    private interface Runner {
        ColdStart run(int i) throws Exception;
    }

    static String row(FirstRequest request, List<ColdStart> ours, List<ColdStart> bare) {
        double start = median(ours, ColdStart::startToFirstResponseMillis);
        double bareStart = median(bare, ColdStart::startToFirstResponseMillis);
        double first = median(ours, ColdStart::firstInvocationMillis);
        double bareFirst = median(bare, ColdStart::firstInvocationMillis);
        double cpu = median(ours, ColdStart::cpuMillis);
        double bareCpu = median(bare, ColdStart::cpuMillis);
        return String.format(Locale.ROOT, "| %s | %s | %.0f ms | %.0f ms | %.2f | %.1f ms | %.1f ms | %.2f "
                        + "| %.0f ms | %.0f ms | %.2f |", request.export(), request.route(), start, bareStart,
                start / bareStart, first, bareFirst, first / bareFirst, cpu, bareCpu, cpu / bareCpu);
    }

    static String table(List<String> rows, int pairs) {
        return "| export | first request | start → first response (median of " + pairs + ") | bare function "
                + "| ratio | first invocation (median) | bare function | ratio | CPU time to first response (median) "
                + "| bare function | ratio |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
    }

    static double median(List<ColdStart> starts, ToDoubleFunction<ColdStart> figure) {
        return median(starts.stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    }
}

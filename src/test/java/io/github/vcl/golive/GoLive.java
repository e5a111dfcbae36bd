package io.github.vcl.golive;

import io.github.vcl.golive.BackendApi.Answer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The go-live kit: one command that proves the integration to Vipps MobilePay and writes the filled-in checklist
 * ({@code go-live-report.md}, {@code go-live-report.json}). Test scope only, never in the Lambda artifact; run with
 * {@code ./mvnw -B -Pgo-live -Dgo-live.local=true} (the local run) or {@code -Dgo-live.api=URL
 * -Dgo-live.vipps=test|production} (a deployed stack), or {@code infra/go-live.sh}. README "Going live".
 *
 * <p>Exit codes: 0 every automatable row proven, 1 something failed (the report says what and why), 2 wrong options
 * or setup (nothing was created), 3 production not confirmed (nothing was created).
 */
public final class GoLive {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_CONFIRMED = 3;

    private GoLive() {
    }

    public static void main(String[] args) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.exit(run(args, System::getenv, in, System.out));
    }

    static int run(String[] args, UnaryOperator<String> env, BufferedReader in, PrintStream out) {
        GoLiveOptions options;
        Target target;
        try {
            options = GoLiveOptions.parse(System.getProperties(), args);
            if (options.cancel().isPresent()) {
                return cancel(options, env, out);
            }
            if (options.local()) {
                out.println("Starting the local run (target/function.zip, dynalite, Vipps MobilePay simulator) …");
                target = LocalTarget.start(options.projectDir(), "5s");
            } else {
                target = DeployedTarget.resolve(options, env);
            }
        } catch (GoLiveOptions.Usage e) {
            out.println(e.getMessage().isEmpty() ? GoLiveOptions.USAGE : "go-live: " + e.getMessage());
            if (!e.getMessage().isEmpty()) {
                out.println("(--help for the options)");
            }
            return USAGE;
        } catch (RuntimeException e) {
            out.println("go-live: could not start: " + e.getMessage());
            return USAGE;
        }
        try (target) {
            return goLive(target, options, env, in, out).exit();
        } catch (GoLiveOptions.Usage e) {
            out.println("go-live: " + e.getMessage());
            return USAGE;
        }
    }

    /** What a run produced: its exit code, its report and the files written. */
    record Result(int exit, Report report, List<Path> files) {
    }

    /** Goes live against {@code target} (started or resolved by the caller, who also stops it). */
    static Result goLive(Target target, GoLiveOptions options, UnaryOperator<String> env, BufferedReader in,
                         PrintStream out) {
        VippsDirect vipps = new VippsDirect(target.vipps());
        List<String> secrets = new ArrayList<>(target.secrets());
        Approver approver = switch (options.approver()) {
            case "simulator" -> new SimulatorPageApprover();
            case "vipps-test" -> {
                String phone = env.apply(options.testPhoneVariable());
                if (phone != null) {
                    secrets.add(phone);
                }
                yield new VippsTestApprover(vipps, phone);
            }
            default -> new PersonApprover(out, env.apply("NO_COLOR") == null);
        };
        GoLiveRun.Settings settings = new GoLiveRun.Settings(options.production(), options.amount(), options.flow(),
                approver,
                options.callbackWait(), options.historyWait(), options.approvalTimeout(),
                target.local() ? Duration.ofMillis(300) : Duration.ofSeconds(2), out, in);
        out.println("Go-live against " + target.where() + ", Vipps MobilePay "
                + (options.production() ? "PRODUCTION" : "test") + " environment");
        GoLiveRun run = new GoLiveRun(target, settings, vipps);
        Report report;
        try {
            report = run.run();
        } catch (GoLiveRun.NotConfirmed e) {
            out.println("go-live: " + e.getMessage() + ".");
            return new Result(NOT_CONFIRMED, run.report, List.of());
        }
        vipps.tokenIfFetched().ifPresent(secrets::add);
        List<Path> files = new ReportWriter(secrets).write(report, options.out());
        out.println();
        report.rows.values().forEach(row -> out.printf("  %-13s %s%n", row.status, row.title));
        report.failures.forEach(f -> out.println("  ✗ " + f.step() + ": " + f.what()
                + (f.traceId() == null ? "" : " (Vipps traceId " + f.traceId() + ")")));
        report.actions.forEach(a -> out.println("  • " + a));
        out.println(report.passed() ? "Go-live run passed." : "Go-live run FAILED: see the report.");
        files.forEach(f -> out.println("  " + f));
        return new Result(report.passed() ? PASSED : FAILED, report, files);
    }

    /** {@code --cancel REFERENCE}: releases an order's reservation through the API (e.g. the AUTHORIZED one). */
    private static int cancel(GoLiveOptions options, UnaryOperator<String> env, PrintStream out) {
        if (options.local()) {
            throw new GoLiveOptions.Usage("--cancel is for a deployed stack (the local run is gone after its run)");
        }
        Target target = DeployedTarget.resolve(options, env);
        BackendApi api = new BackendApi(target.api(), target.shopKey(), target.staffKey());
        Answer a = api.operation(options.cancel().get(), "cancel", "{\"reason\": \"go-live order released\"}",
                BackendApi.newKey());
        out.println(a.describe());
        return a.ok() ? PASSED : FAILED;
    }
}

package io.github.vcl.chaos;

import io.github.vcl.local.LocalSystem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chaos suite (issue 10): a seeded run of many concurrent orders through the real event path — the local API
 * Gateway in front of function JVMs under AWS's runtime interface client, exactly as {@code ./mvnw -Plocal} runs them
 * — with Vipps faults, DynamoDB throttling and errors, callbacks gone astray, portal actions, clients retrying lost
 * answers with their Idempotency-Key, and function JVMs killed at the worst moments; then every order is compared
 * with the simulator's ledger. {@code ./mvnw -B verify} runs 200 orders; {@code -Pchaos -Dchaos.orders=1000} the big
 * run. A failure names the seed and the first offending orders; docs/reliability.md says how to reproduce it.
 */
class ChaosIT {
    private static final Path BASEDIR = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();

    @Test
    void moneyStaysRightUnderRetriesRacesSlowVippsAndCrashes() {
        assumeTrue(LocalSystem.jvmModeArtifact(BASEDIR), "target/function.zip is not a JVM-mode Lambda artifact "
                + "(native build): the chaos run starts the JVM one under the runtime interface client");
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        ChaosRun run = new ChaosRun(settings, BASEDIR, System.out);
        Verdict verdict = run.run();
        Path report = ChaosReport.write(verdict, run.journal(), run.world().invocations(), BASEDIR);
        String markdown = ChaosReport.markdown(verdict);
        System.out.println(markdown);
        if (!verdict.passed()) {
            fail("chaos run with seed " + settings.seed() + " broke invariants (report: " + report + "; reproduce: "
                    + settings.reproduce() + ")\n" + markdown);
        }
    }
}

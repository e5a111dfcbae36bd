package io.github.vcl.golive;

import io.github.vcl.local.LocalRun;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The local run ({@code ./mvnw -B -Plocal}'s {@link LocalRun}: the Lambda artifact's functions behind the local API
 * Gateway, dynalite, the Vipps MobilePay simulator) started in this JVM, as the go-live's target. Its console goes to
 * {@code target/go-live/local-run.log}, without the line that shows the generated shop key.
 */
final class LocalTarget {
    static final String LOCAL_RUN = "local run: target/function.zip's functions under AWS's Lambda runtime interface "
            + "client behind the local API Gateway, with the Vipps MobilePay simulator";
    private LocalTarget() {
    }

    static Target start(Path projectDir, String reconcileEvery) {
        PrintStream console;
        try {
            Path log = Files.createDirectories(projectDir.resolve("target/go-live")).resolve("local-run.log");
            console = new PrintStream(new WithoutKeys(Files.newOutputStream(log)), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalRun run = LocalRun.start(new LocalRun.Options(projectDir, 0, 0, reconcileEvery, console));
        return of(run, LOCAL_RUN, run);
    }

    /** A target on a local run started elsewhere; closing the target leaves the run alone. */
    static Target of(LocalRun run) {
        return of(run, LOCAL_RUN, () -> { });
    }

    private static Target of(LocalRun run, String where, AutoCloseable resources) {
        VippsSimulator simulator = run.simulator();
        Credentials c = simulator.credentials();
        VippsSettings vipps = VippsSettings.of(URI.create(simulator.baseUrl()), c.clientId(),
                Secret.of(c.clientSecret()), Secret.of(c.subscriptionKey()), c.merchantSerialNumber());
        return new Target(run.apiUrl(), Secret.of(run.shopKey()), Secret.of(run.staffKey()), vipps, where,
                OrderTableSetup.REGION.id() + " (simulated)", Optional.of(simulator), resources);
    }

    /** Passes the console through line by line, leaving out any line that shows a key. */
    private static final class WithoutKeys extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        WithoutKeys(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                if (!text.toLowerCase(java.util.Locale.ROOT).contains("key:")) {
                    out.write(line.toByteArray());
                    out.flush();
                }
                line.reset();
            }
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}

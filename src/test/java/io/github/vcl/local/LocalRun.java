package io.github.vcl.local;

import io.github.vcl.local.gateway.Route;
import io.github.vcl.local.gateway.Routes;
import io.github.vcl.local.shop.DemoShop;
import io.github.vcl.local.simulator.VippsSimulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on a laptop, started by {@code ./mvnw -B -Plocal} (README): dynalite with the orders table, the
 * Vipps MobilePay simulator, one JVM per function running the Lambda artifact ({@code target/function.zip}, unpacked)
 * under AWS's runtime interface client and a local Lambda Runtime API, the local API Gateway with the deployed API's
 * routes in front of them ({@link LocalSystem} starts those), the reconciler on {@code quarkus-scheduler}, and a demo
 * shop. Ctrl-C (or SIGTERM) stops all of it. Local-only (test scope): none of
 * this is in the Lambda artifact.
 *
 * <p>Options: {@code --api-port N} (default 9000) and {@code --shop-port N} (default 8080), {@code 0} for any free
 * port, a taken port falls back to a free one; {@code --reconcile-every 30s} ({@code off}: not scheduled);
 * {@code --project-dir DIR}.
 */
public final class LocalRun implements AutoCloseable {
    public static final String READY_LINE = "Local run ready:";
    /** The reconciler's own function (EventBridge in AWS, quarkus-scheduler here); it serves no HTTP route. */
    public static final String RECONCILE = LocalSystem.RECONCILE;
    public static final String TABLE = LocalSystem.TABLE;

    public record Options(Path projectDir, int apiPort, int shopPort, String reconcileEvery, PrintStream console) {
        public static Options parse(String[] args) {
            Path dir = Path.of(System.getProperty("project.basedir", "."));
            int api = 9000;
            int shop = 8080;
            String every = "30s";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--project-dir" -> dir = Path.of(value);
                    case "--api-port" -> api = Integer.parseInt(value);
                    case "--shop-port" -> shop = Integer.parseInt(value);
                    case "--reconcile-every" -> every = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --api-port, --shop-port, --reconcile-every, --project-dir)");
                }
                i++;
            }
            return new Options(dir.toAbsolutePath().normalize(), api, shop, every, System.out);
        }
    }

    private final Options options;
    private LocalSystem system;
    private DemoShop shop;
    private volatile boolean closed;

    private LocalRun(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        LocalRun run = new LocalRun(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            options.console().println("Stopping the local run …");
            run.close();
            options.console().println("Stopped: every function JVM, dynalite, the simulator and all ports.");
            stopped.countDown();
        }, "local-run-stop"));
        try {
            run.start();
        } catch (RuntimeException e) {
            options.console().println("The local run could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static LocalRun start(Options options) {
        LocalRun run = new LocalRun(options);
        run.start();
        return run;
    }

    private void start() {
        long begin = System.nanoTime();
        PrintStream out = options.console();
        try {
            system = LocalSystem.start(LocalSystem.Options.defaults(options.projectDir())
                    .withApiPort(options.apiPort())
                    .withReconcileEvery(options.reconcileEvery())
                    .withListener(i -> out.printf("  %-10s → %d in %d ms%n", i.function(), i.statusCode(),
                            i.millis())));
            URI api = system.apiUrl();
            shop = startShop(options.shopPort(), api, system.shopKey(), system.staffKey());
            long millis = (System.nanoTime() - begin) / 1_000_000;
            out.println();
            out.println("vipps-checkout-lambda — local run (no AWS, no Vipps keys, no Docker)");
            out.println("  Demo shop:        " + shop.url());
            out.println("  HTTP API:         " + api + "   (routes as in AWS: " + routeList() + ")");
            out.println("  Vipps simulator:  " + system.simulator().baseUrl());
            out.println("  DynamoDB:         " + system.dynalite().endpoint() + "   (dynalite, table " + TABLE
                    + ", in memory)");
            out.println("  Functions:        " + String.join(", ", functions()) + " — one JVM each, logs in "
                    + system.logs());
            out.println("  Reconciler:       " + ("off".equals(options.reconcileEvery())
                    ? "not scheduled (EventBridge invokes it in AWS)"
                    : "every " + options.reconcileEvery() + " (quarkus-scheduler in the " + RECONCILE + " JVM)"));
            out.println("  Shop API key:     " + system.shopKey() + "   (for curl; the demo shop keeps it "
                    + "server-side)");
            out.println("Started in " + millis + " ms. Press Ctrl-C to stop everything.");
            out.println(READY_LINE + " shop=" + shop.url() + " api=" + api);
            out.flush();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Every function the API's routes name, and the reconciler. */
    static List<String> functions() {
        return LocalSystem.functions();
    }

    private static String routeList() {
        return String.join(", ", Routes.ALL.stream().map(Route::routeKey).toList());
    }

    private static DemoShop startShop(int port, URI api, String shopKey, String staffKey) throws IOException {
        try {
            return DemoShop.start(port, api, shopKey, staffKey);
        } catch (IOException taken) {
            if (port == 0) {
                throw taken;
            }
            return DemoShop.start(0, api, shopKey, staffKey);
        }
    }

    public URI shopUrl() {
        return shop.url();
    }

    public URI apiUrl() {
        return system.apiUrl();
    }

    /** The shop server's generated API key, for a client of this run in the same JVM (the go-live kit). */
    public String shopKey() {
        return system.shopKey();
    }

    /** The demo staff member's generated API key (operations, support). */
    public String staffKey() {
        return system.staffKey();
    }

    /** This run's simulated Vipps MobilePay: its keys, recorded requests, deliveries and planned faults. */
    public VippsSimulator simulator() {
        return system.simulator();
    }

    /** Every process this run started (dynalite and the function JVMs), for checking that none outlives it. */
    public List<ProcessHandle> processes() {
        return system.processes();
    }

    /** Stops the demo shop, then everything else, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shop != null) {
            try {
                shop.close();
            } catch (Exception e) {
                options.console().println("while stopping: " + e);
            }
        }
        if (system != null) {
            system.close();
        }
    }
}

package io.github.vcl.local;

import io.github.vcl.local.dynamodb.Dynalite;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.gateway.LocalGateway;
import io.github.vcl.local.gateway.Route;
import io.github.vcl.local.gateway.Routes;
import io.github.vcl.local.lambda.FunctionProcess;
import io.github.vcl.local.lambda.LocalLambdas;
import io.github.vcl.local.shop.DemoShop;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.webhook.model.WebhookEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The whole system on a laptop, started by {@code ./mvnw -B -Plocal} (README): dynalite with the orders table, the
 * Vipps MobilePay simulator, one JVM per function running the Lambda artifact ({@code target/function.zip}, unpacked)
 * under AWS's runtime interface client and a local Lambda Runtime API, the local API Gateway with the deployed API's routes in front of them, the reconciler on
 * {@code quarkus-scheduler}, and a demo shop. Ctrl-C (or SIGTERM) stops all of it. Local-only (test scope): none of
 * this is in the Lambda artifact.
 *
 * <p>Options: {@code --api-port N} (default 9000) and {@code --shop-port N} (default 8080), {@code 0} for any free
 * port, a taken port falls back to a free one; {@code --reconcile-every 30s}; {@code --project-dir DIR}.
 */
public final class LocalRun implements AutoCloseable {
    public static final String READY_LINE = "Local run ready:";
    /** The reconciler's own function (EventBridge in AWS, quarkus-scheduler here); it serves no HTTP route. */
    public static final String RECONCILE = "reconcile";
    public static final String TABLE = "vcl-orders-local";
    /** Lambda's own timeout for a function is longer than API Gateway's 30 s integration timeout. */
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    private static final List<String> RUNTIME_ARTIFACTS = List.of("aws-lambda-java-runtime-interface-client",
            "aws-lambda-java-serialization", "aws-lambda-java-core", "utils-lite");

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
    private final List<AutoCloseable> started = new ArrayList<>();
    private Dynalite dynalite;
    private VippsSimulator simulator;
    private LocalLambdas lambdas;
    private LocalGateway gateway;
    private DemoShop shop;
    private Reaper reaper;
    private String shopKey;
    private String staffKey;
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
            Path logs = Files.createDirectories(options.projectDir().resolve("target/local-run"));
            Path taskRoot = unpack(functionZip(options.projectDir()), logs.resolve("task"));
            FunctionProcess.Runtime runtime = runtime(logs.resolve("runtime"));

            reaper = Reaper.start();
            if (reaper != null) {
                started.add(reaper);
            }
            dynalite = Dynalite.start(options.projectDir());
            started.add(dynalite::stop);
            watch(dynalite.pid());
            try (DynamoDbClient dynamo = OrderTableSetup.client(dynalite.endpoint())) {
                OrderTableSetup.create(dynamo, TABLE);
            }
            simulator = VippsSimulator.start(SimulatorOptions.defaults());
            started.add(simulator);

            shopKey = randomKey();
            staffKey = randomKey();
            String tokenSecret = randomKey();
            List<String> functions = functions();
            // The gateway comes first: its URL is every function's public base URL. Until the functions poll, an
            // event waits in their queue, as during a Lambda cold start.
            LocalLambdas.Holder holder = new LocalLambdas.Holder();
            gateway = startGateway(options.apiPort(), holder);
            started.add(gateway);
            URI api = gateway.baseUrl();
            Map<String, String> common = commonEnvironment(api);
            // Registered as infra/register-webhooks.sh does for a deployment; its secret goes to the webhooks function.
            String webhookSecret = simulator.registerWebhook(api.resolve("webhooks/vipps"),
                    WebhookEvents.ALL.toArray(String[]::new)).secret();
            lambdas = LocalLambdas.start(functions, taskRoot, runtime, FUNCTION_TIMEOUT,
                    f -> environment(f, common, shopKey, staffKey, tokenSecret, webhookSecret),
                    f -> logs.resolve(f + ".log"), i -> out.printf("  %-10s → %d in %d ms%n", i.function(),
                            i.statusCode(), i.millis()));
            holder.set(lambdas);
            started.add(lambdas);
            lambdas.processes().values().forEach(p -> watch(p.pid()));
            lambdas.awaitReady(START_WAIT);

            shop = startShop(options.shopPort(), api, shopKey, staffKey);
            started.add(shop);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            out.println();
            out.println("vipps-checkout-lambda — local run (no AWS, no Vipps keys, no Docker)");
            out.println("  Demo shop:        " + shop.url());
            out.println("  HTTP API:         " + api + "   (routes as in AWS: " + routeList() + ")");
            out.println("  Vipps simulator:  " + simulator.baseUrl());
            out.println("  DynamoDB:         " + dynalite.endpoint() + "   (dynalite, table " + TABLE + ", in memory)");
            out.println("  Functions:        " + String.join(", ", functions) + " — one JVM each, logs in " + logs);
            out.println("  Reconciler:       every " + options.reconcileEvery() + " (quarkus-scheduler in the "
                    + RECONCILE + " JVM)");
            out.println("  Shop API key:     " + shopKey + "   (for curl; the demo shop keeps it server-side)");
            out.println("Started in " + millis + " ms. Press Ctrl-C to stop everything.");
            out.println(READY_LINE + " shop=" + shop.url() + " api=" + api);
            out.flush();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void watch(long pid) {
        if (reaper != null) {
            reaper.watch(pid);
        }
    }

    /** Every function the API's routes name, and the reconciler. */
    static List<String> functions() {
        Set<String> names = new LinkedHashSet<>();
        Routes.ALL.forEach(r -> names.add(r.function()));
        names.add(RECONCILE);
        return List.copyOf(names);
    }

    private static String routeList() {
        return String.join(", ", Routes.ALL.stream().map(Route::routeKey).toList());
    }

    /** What Lambda and the template give every function, pointed at the local world. */
    private Map<String, String> commonEnvironment(URI api) {
        Credentials vipps = simulator.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "local");
        // Lambda's own variables: region and (here: dummy) credentials for the default AWS provider chains.
        env.put("AWS_REGION", OrderTableSetup.REGION.id());
        env.put("AWS_DEFAULT_REGION", OrderTableSetup.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
        env.put("ORDERS_TABLE", TABLE);
        env.put("PUBLIC_BASE_URL", api.toString());
        env.put("TERMS_AND_CONDITIONS_URL", "https://example.com/terms");
        env.put("REFERENCE_PREFIX", "demo");
        env.put("VIPPS_BASE_URL", simulator.baseUrl());
        env.put("VIPPS_CLIENT_ID", vipps.clientId());
        env.put("VIPPS_CLIENT_SECRET", vipps.clientSecret());
        env.put("VIPPS_SUBSCRIPTION_KEY", vipps.subscriptionKey());
        env.put("VIPPS_MERCHANT_SERIAL_NUMBER", vipps.merchantSerialNumber());
        return env;
    }

    /** Each function gets only the secrets it uses, as each Lambda does. */
    private Map<String, String> environment(String function, Map<String, String> common, String shopKey,
                                            String staffKey, String tokenSecret, String webhookSecret) {
        Map<String, String> env = new HashMap<>(common);
        switch (function) {
            case "initiate" -> {
                env.put("VCL_SHOP_API_KEY", shopKey);
                env.put("VCL_TOKEN_SECRET", tokenSecret);
            }
            case "status" -> env.put("VCL_SHOP_API_KEY", shopKey);
            case "callback" -> env.put("VCL_TOKEN_SECRET", tokenSecret);
            case "webhooks" -> env.put("VCL_WEBHOOK_SECRET", webhookSecret);
            case RECONCILE -> env.put("VCL_RECONCILE_EVERY", options.reconcileEvery());
            default -> {
                // operations, support: the shop server's key and the demo staff member's
                env.put("VCL_SHOP_API_KEY", shopKey);
                env.put("VCL_STAFF_DEMO_API_KEY", staffKey);
                env.put("VCL_STAFF_DEMO_RIGHTS", "operations,support");
            }
        }
        return env;
    }

    private static LocalGateway startGateway(int port, LocalLambdas.Holder invoker) {
        try {
            return LocalGateway.start(port, Routes.ALL, invoker);
        } catch (IllegalStateException taken) {
            if (port == 0) {
                throw taken;
            }
            return LocalGateway.start(0, Routes.ALL, invoker);
        }
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

    /** The Lambda artifact the build made: {@code target/function.zip}. */
    static Path functionZip(Path projectDir) {
        Path zip = projectDir.resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no " + zip + ": run ./mvnw -B -Plocal (it packages first) or "
                    + "./mvnw package");
        }
        return zip;
    }

    /** Unpacks {@code function.zip} into a fresh directory, as Lambda unpacks it into {@code /var/task}. */
    public static Path unpack(Path zip, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    /**
     * The Lambda Java runtime's own classes: AWS's runtime interface client and what it needs, taken from this JVM's
     * (test) classpath; the function's classes come from the task root only.
     */
    public static FunctionProcess.Runtime runtime(Path dir) throws IOException {
        List<Path> classpath = runtimeClasspath();
        Files.createDirectories(dir);
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
        String entry = "jni/libaws-lambda-jni.linux-" + arch + ".so";
        Path library = dir.resolve("libaws-lambda-jni.so");
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(classpath.get(0).toFile())) {
            ZipEntry so = jar.getEntry(entry);
            if (so == null) {
                throw new IllegalStateException(entry + " is not in " + classpath.get(0));
            }
            try (var in = jar.getInputStream(so)) {
                Files.copy(in, library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new FunctionProcess.Runtime(classpath, library, Files.createDirectories(dir.resolve("tmp")));
    }

    static List<Path> runtimeClasspath() {
        List<Path> jars = new ArrayList<>();
        for (String artifact : RUNTIME_ARTIFACTS) {
            Path jar = null;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (Path.of(entry).getFileName().toString().startsWith(artifact + "-")) {
                    jar = Path.of(entry);
                }
            }
            if (jar == null) {
                throw new IllegalStateException(artifact + " is not on the classpath: start the local run with "
                        + "./mvnw -B -Plocal");
            }
            jars.add(jar);
        }
        return jars;
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public URI shopUrl() {
        return shop.url();
    }

    public URI apiUrl() {
        return gateway.baseUrl();
    }

    /** The shop server's generated API key, for a client of this run in the same JVM (the go-live kit). */
    public String shopKey() {
        return shopKey;
    }

    /** The demo staff member's generated API key (operations, support). */
    public String staffKey() {
        return staffKey;
    }

    /** This run's simulated Vipps MobilePay: its keys, recorded requests, deliveries and planned faults. */
    public VippsSimulator simulator() {
        return simulator;
    }

    /** Every process this run started (dynalite and the function JVMs), for checking that none outlives it. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(dynalite.pid()).ifPresent(all::add);
        lambdas.processes().values().stream().map(FunctionProcess::handle).forEach(all::add);
        return all;
    }

    /** Stops everything that started, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                options.console().println("while stopping: " + e);
            }
        }
    }
}

package io.github.vcl.local;

import io.github.vcl.local.dynamodb.Dynalite;
import io.github.vcl.local.dynamodb.DynamoProxy;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.gateway.LocalGateway;
import io.github.vcl.local.gateway.Routes;
import io.github.vcl.local.lambda.FunctionProcess;
import io.github.vcl.local.lambda.LocalLambdas;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.local.simulator.webhooks.WebhookRegistration;
import io.github.vcl.vipps.webhook.model.WebhookEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The whole backend on this machine, as the local run and the chaos suite start it: dynalite with the orders table
 * (optionally behind a {@link DynamoProxy} that can inject faults), the Vipps MobilePay simulator, the Lambda artifact
 * ({@code target/function.zip}, unpacked) running one or more JVMs per function under AWS's runtime interface client
 * and a local Lambda Runtime API, and the local API Gateway with the deployed API's routes in front of them. Each
 * function gets the environment its Lambda gets, pointed at the local world, with generated shop, staff and token
 * secrets; the webhook route is registered at the simulator for every ePayment event, as a deployment's setup does.
 * Local-only (test scope): none of this is in the Lambda artifact.
 */
public final class LocalSystem implements AutoCloseable {
    /** The reconciler's own function (EventBridge in AWS); it serves no HTTP route. */
    public static final String RECONCILE = "reconcile";
    public static final String TABLE = "vcl-orders-local";
    /** The staff member whose key {@link #staffKey()} is: rights {@code operations,support}. */
    public static final String STAFF_ID = "demo";
    /** Each function's timeout as template.yaml declares it (API Gateway's own limit is 30 s). */
    private static final Map<String, Duration> TIMEOUTS = Map.of("initiate", Duration.ofSeconds(25),
            "status", Duration.ofSeconds(25), "callback", Duration.ofSeconds(10), "webhooks", Duration.ofSeconds(9),
            "operations", Duration.ofSeconds(25), "support", Duration.ofSeconds(25), RECONCILE,
            Duration.ofSeconds(60));
    /** The function that receives Vipps' ePayment webhooks, and its route. */
    private static final String WEBHOOKS = "webhooks";
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    private static final List<String> RUNTIME_ARTIFACTS = List.of("aws-lambda-java-runtime-interface-client",
            "aws-lambda-java-serialization", "aws-lambda-java-core", "utils-lite");

    /**
     * What to start.
     *
     * @param logs            where function logs go ({@code <function>.log}) and the artifact is unpacked
     * @param reconcileEvery  {@code vcl.reconcile.every} of the reconcile function ({@code off}: no timer, someone
     *                        else invokes it, as EventBridge does in AWS)
     * @param dynamoProxy     put a {@link DynamoProxy} between the functions and dynalite
     * @param instances       execution environments per function at the start
     * @param maxInstances    how far each function scales out when all its instances are busy
     * @param webhooks        register the webhook route at the simulator (as a deployment's setup does)
     * @param environment     added to every function's environment (after what the system sets)
     * @param listener        told of every invocation
     */
    public record Options(Path projectDir, int apiPort, Path logs, SimulatorOptions simulator, String reconcileEvery,
                          boolean dynamoProxy, Function<String, Integer> instances,
                          Function<String, Integer> maxInstances, boolean webhooks, Map<String, String> environment,
                          Consumer<LocalLambdas.Invocation> listener) {

        public static Options defaults(Path projectDir) {
            return new Options(projectDir, 0, projectDir.resolve("target/local-run"), SimulatorOptions.defaults(),
                    "30s", false, f -> 1, f -> 1, true, Map.of(), i -> { });
        }

        public Options withApiPort(int value) {
            return new Options(projectDir, value, logs, simulator, reconcileEvery, dynamoProxy, instances,
                    maxInstances, webhooks, environment, listener);
        }

        public Options withLogs(Path value) {
            return new Options(projectDir, apiPort, value, simulator, reconcileEvery, dynamoProxy, instances,
                    maxInstances, webhooks, environment, listener);
        }

        public Options withSimulator(SimulatorOptions value) {
            return new Options(projectDir, apiPort, logs, value, reconcileEvery, dynamoProxy, instances,
                    maxInstances, webhooks, environment, listener);
        }

        public Options withReconcileEvery(String value) {
            return new Options(projectDir, apiPort, logs, simulator, value, dynamoProxy, instances, maxInstances,
                    webhooks, environment, listener);
        }

        public Options withDynamoProxy(boolean value) {
            return new Options(projectDir, apiPort, logs, simulator, reconcileEvery, value, instances, maxInstances,
                    webhooks, environment, listener);
        }

        public Options withInstances(Function<String, Integer> value) {
            return new Options(projectDir, apiPort, logs, simulator, reconcileEvery, dynamoProxy, value,
                    maxInstances, webhooks, environment, listener);
        }

        public Options withMaxInstances(Function<String, Integer> value) {
            return new Options(projectDir, apiPort, logs, simulator, reconcileEvery, dynamoProxy, instances, value,
                    webhooks, environment, listener);
        }

        public Options withWebhooks(boolean value) {
            return new Options(projectDir, apiPort, logs, simulator, reconcileEvery, dynamoProxy, instances,
                    maxInstances, value, environment, listener);
        }

        public Options withEnvironment(Map<String, String> value) {
            return new Options(projectDir, apiPort, logs, simulator, reconcileEvery, dynamoProxy, instances,
                    maxInstances, webhooks, Map.copyOf(value), listener);
        }

        public Options withListener(Consumer<LocalLambdas.Invocation> value) {
            return new Options(projectDir, apiPort, logs, simulator, reconcileEvery, dynamoProxy, instances,
                    maxInstances, webhooks, environment, value);
        }
    }

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final String shopKey = randomKey();
    private final String staffKey = randomKey();
    private final String tokenSecret = randomKey();
    private Dynalite dynalite;
    private DynamoProxy dynamoProxy;
    private VippsSimulator simulator;
    private LocalLambdas lambdas;
    private LocalGateway gateway;
    private Reaper reaper;
    private WebhookRegistration webhook;
    private volatile boolean closed;

    private LocalSystem(Options options) {
        this.options = options;
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static LocalSystem start(Options options) {
        LocalSystem system = new LocalSystem(options);
        try {
            system.startAll();
            return system;
        } catch (IOException e) {
            system.close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Path logs = Files.createDirectories(options.logs());
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
        if (options.dynamoProxy()) {
            dynamoProxy = DynamoProxy.start(dynalite.endpoint());
            started.add(dynamoProxy);
        }
        simulator = VippsSimulator.start(options.simulator());
        started.add(simulator);

        // The gateway comes first: its URL is every function's public base URL. Until the functions poll, an
        // event waits in their queue, as during a Lambda cold start.
        LocalLambdas.Holder holder = new LocalLambdas.Holder();
        gateway = startGateway(options.apiPort(), holder);
        started.add(gateway);
        if (options.webhooks() && functions().contains(WEBHOOKS)) {
            // as the deployment's setup does: the webhook registered at Vipps, its secret in the function's secrets
            webhook = simulator.registerWebhook(gateway.baseUrl().resolve("webhooks/vipps"),
                    WebhookEvents.ALL.toArray(String[]::new));
        }
        Map<String, String> common = commonEnvironment(gateway.baseUrl());
        lambdas = LocalLambdas.start(functions(), new LocalLambdas.Settings(taskRoot, runtime,
                f -> logs.resolve(f + ".log"))
                .environment(f -> environment(f, common))
                .timeouts(LocalSystem::timeout)
                .instances(options.instances())
                .maxInstances(options.maxInstances())
                .listener(options.listener())
                .onProcessStart(p -> watch(p.pid())));
        holder.set(lambdas);
        started.add(lambdas);
        lambdas.awaitReady(START_WAIT);
    }

    /** The function's timeout as the local system runs it (template.yaml's {@code Timeout}; LocalSystemTest checks). */
    static Duration timeout(String function) {
        return TIMEOUTS.getOrDefault(function, Duration.ofSeconds(30));
    }

    private void watch(long pid) {
        if (reaper != null) {
            reaper.watch(pid);
        }
    }

    /** Every function the API's routes name, and the reconciler. */
    public static List<String> functions() {
        Set<String> names = new LinkedHashSet<>();
        Routes.ALL.forEach(r -> names.add(r.function()));
        names.add(RECONCILE);
        return List.copyOf(names);
    }

    /** What Lambda and the template give every function, pointed at the local world. */
    private Map<String, String> commonEnvironment(URI api) {
        Credentials vipps = simulator.credentials();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "local");
        // as template.yaml's vcl/<stack>: the namespace of the functions' metric lines
        env.put("VCL_METRICS_NAMESPACE", "vcl/local");
        // Lambda's own variables: region and (here: dummy) credentials for the default AWS provider chains.
        env.put("AWS_REGION", OrderTableSetup.REGION.id());
        env.put("AWS_DEFAULT_REGION", OrderTableSetup.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoEndpoint().toString());
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
    private Map<String, String> environment(String function, Map<String, String> common) {
        Map<String, String> env = new HashMap<>(common);
        // as template.yaml: each function knows its own timeout, so it can answer before it
        env.put("VCL_FUNCTION_TIMEOUT", timeout(function).toSeconds() + "s");
        switch (function) {
            case "initiate" -> {
                env.put("VCL_SHOP_API_KEY", shopKey);
                env.put("VCL_TOKEN_SECRET", tokenSecret);
            }
            case "status" -> env.put("VCL_SHOP_API_KEY", shopKey);
            case "callback" -> env.put("VCL_TOKEN_SECRET", tokenSecret);
            case WEBHOOKS -> {
                if (webhook != null) {
                    env.put("VCL_WEBHOOK_SECRET", webhook.secret());
                }
            }
            case RECONCILE -> env.put("VCL_RECONCILE_EVERY", options.reconcileEvery());
            default -> {
                // operations, support: the shop server's key and the demo staff member's
                env.put("VCL_SHOP_API_KEY", shopKey);
                env.put("VCL_STAFF_" + STAFF_ID.toUpperCase(java.util.Locale.ROOT) + "_API_KEY", staffKey);
                env.put("VCL_STAFF_" + STAFF_ID.toUpperCase(java.util.Locale.ROOT) + "_RIGHTS",
                        "operations,support");
            }
        }
        env.putAll(options.environment());
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

    /** True when {@code target/function.zip} is the JVM-mode artifact (with {@code lib/}), which this system runs. */
    public static boolean jvmModeArtifact(Path projectDir) {
        Path zip = projectDir.resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            return false;
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(zip.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith("lib/"));
        } catch (IOException e) {
            return false;
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

    public URI apiUrl() {
        return gateway.baseUrl();
    }

    public VippsSimulator simulator() {
        return simulator;
    }

    public LocalLambdas lambdas() {
        return lambdas;
    }

    public Dynalite dynalite() {
        return dynalite;
    }

    /** The fault proxy in front of dynalite; null unless {@link Options#dynamoProxy()}. */
    public DynamoProxy dynamoProxy() {
        return dynamoProxy;
    }

    /** Where the functions reach DynamoDB: the proxy when there is one, else dynalite. */
    public URI dynamoEndpoint() {
        return dynamoProxy != null ? dynamoProxy.endpoint() : dynalite.endpoint();
    }

    public String shopKey() {
        return shopKey;
    }

    /** Every key and secret this system generated (API keys, token secret, webhook secret), for checks of the logs. */
    public List<String> generatedSecrets() {
        List<String> secrets = new ArrayList<>(List.of(shopKey, staffKey, tokenSecret));
        if (webhook != null) {
            secrets.add(webhook.secret());
        }
        return secrets;
    }

    /** The key of staff member {@value #STAFF_ID}, with rights {@code operations,support}. */
    public String staffKey() {
        return staffKey;
    }

    public Path logs() {
        return options.logs();
    }

    /** Every process this system runs now (dynalite and the function JVMs), for checking that none outlives it. */
    public List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(dynalite.pid()).ifPresent(all::add);
        lambdas.processes().stream().map(FunctionProcess::handle).forEach(all::add);
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
                System.err.println("while stopping: " + e);
            }
        }
    }
}

package io.github.vcl.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.config.FakeSecretsManager;
import io.github.vcl.local.dynamodb.Dynalite;
import io.github.vcl.local.dynamodb.DynamoProxy;
import io.github.vcl.local.lambda.FunctionProcess;
import io.github.vcl.local.lambda.RuntimeApiServer;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.order.Currency;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.PaymentDescription;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.ReferenceGenerator;
import io.github.vcl.order.Source;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.testing.Carts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static io.github.vcl.deploy.SamTemplate.list;
import static io.github.vcl.deploy.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged artifact as Lambda runs it: {@code target/function.zip} (JVM mode) unpacked, started once per export
 * under AWS's runtime interface client ({@code AWSLambda}, handler {@code LambdaHandler::handleRequest}, Funqy's)
 * against a local Lambda Runtime API, with exactly the environment template.yaml gives that function (parameters
 * filled in), its secrets served by a local Secrets Manager, the table in dynalite and Vipps simulated. Events are the
 * JSON API Gateway (HTTP API, payload 2.0) and EventBridge send. Runs in {@code integration-test}, after
 * {@code package}.
 */
class PackagedFunctionIT {
    static final String HANDLER = FunctionProcess.HANDLER;
    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String SHOP_KEY = PackagedWorld.SHOP_KEY;
    static final String STAFF_KEY = PackagedWorld.STAFF_KEY;
    static final String ARN = PackagedWorld.ARN;
    static final String STACK = PackagedWorld.STACK;
    static final Duration START = Duration.ofSeconds(90);
    static final Duration CALL = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    static Path basedir;
    static Path unpacked;
    static PackagedWorld world;
    static SamTemplate template;
    static FakeSecretsManager secrets;
    static VippsSimulator vipps;
    static DynamoDbClient dynamo;
    static Dynalite dynalite;

    @BeforeAll
    static void unpack() throws IOException {
        basedir = TemplateTest.basedir();
        Path zip = basedir.resolve("target/function.zip");
        assertTrue(Files.isRegularFile(zip), zip + " is built by `package` before this test");
        unpacked = basedir.resolve("target/function-it");
        deleteRecursively(unpacked);
        Files.createDirectories(unpacked);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = unpacked.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(unpacked), "zip entry outside the task root: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        world = PackagedWorld.start();
        template = world.template();
        vipps = world.vipps();
        secrets = world.secrets();
        dynalite = world.dynalite();
        dynamo = world.dynamo();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    // ---- the artifact ----------------------------------------------------------------------------------------

    @Test
    void theArtifactHoldsNoLocalOrTestCode() throws IOException {
        try (ZipFile zip = new ZipFile(basedir.resolve("target/function.zip").toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("io/github/vcl/function/StatusFunction.class"), "the functions are in it");
            List<String> leaked = names.stream().filter(n -> n.startsWith("io/github/vcl/local/")
                    || n.startsWith("io/github/vcl/testing/") || n.startsWith("io/github/vcl/deploy/")
                    || n.endsWith("Test.class") || n.endsWith("IT.class")).toList();
            assertEquals(List.of(), leaked, "local-only and test classes stay out of the Lambda artifact");
            List<String> testLibraries = names.stream().filter(n -> n.startsWith("lib/"))
                    .filter(n -> Stream.of("selenium", "testcontainers", "junit", "rest-assured", "swagger-request",
                            "runtime-interface-client", "snakeyaml").anyMatch(n::contains)).toList();
            assertEquals(List.of(), testLibraries, "no test library in the artifact");
            assertFalse(names.stream().anyMatch(n -> n.contains("node_modules") || n.contains("dynalite")));
            List<String> twice = names.stream().filter(n -> !n.endsWith("/"))
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting())).entrySet().stream()
                    .filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertEquals(List.of(), twice, "a file twice in the zip: which copy Lambda runs depends on the unzip");
        }
    }

    // ---- one function per export -----------------------------------------------------------------------------

    @Test
    void statusAnswersTheShopAndTheReturnPage() throws Exception {
        try (RunningFunction status = RunningFunction.start("status", newTable())) {
            JsonNode unknown = status.http("GET", "/checkout/sessions/{reference}", Map.of("reference",
                    "shop-261125-ABCDEFGH-1"), Map.of("authorization", "Bearer " + SHOP_KEY), null);
            assertEquals(404, unknown.path("statusCode").asInt(), unknown.toString());
            assertEquals("application/problem+json", unknown.path("headers").path("Content-Type").asText(
                    unknown.path("headers").path("content-type").asText()));
            assertEquals(404, JSON.readTree(unknown.path("body").asText()).path("status").asInt());

            JsonNode noKey = status.http("GET", "/checkout/sessions/{reference}", Map.of("reference",
                    "shop-261125-ABCDEFGH-1"), Map.of(), null);
            assertEquals(401, noKey.path("statusCode").asInt(), noKey.toString());

            JsonNode page = status.http("GET", "/return/{reference}", Map.of("reference", "shop-261125-ABCDEFGH-1"),
                    Map.of(), null);
            assertEquals(200, page.path("statusCode").asInt(), page.toString());
            assertTrue(page.path("body").asText().contains("<html"), "the return page is HTML from the artifact's "
                    + "resources");
            status.assertSecretsReadOnce();
            status.assertRoleAllowsItsDynamoCalls(1);
        }
    }

    /** A forged callback is refused on its token alone: no DynamoDB call at all, so none that costs a write. */
    @Test
    void callbackRefusesAForgedTokenWithoutTouchingTheTable() throws Exception {
        try (RunningFunction callback = RunningFunction.start("callback", newTable())) {
            for (String forged : List.of("not-the-token", "AAAAAAAAAAAAAAAAAAAAAA.forged-signature-of-43-characters-xx")) {
                JsonNode answer = callback.http("POST", "/callbacks/checkout/{reference}",
                        Map.of("reference", "shop-261125-ABCDEFGH-1"), Map.of("content-type", "application/json",
                                "authorization", forged),
                        "{\"reference\":\"shop-261125-ABCDEFGH-1\",\"sessionState\":\"PaymentSuccessful\"}");
                assertEquals(401, answer.path("statusCode").asInt(), answer.toString());
            }
            callback.assertLinesCarryTheirRequestIds(2);
            callback.assertSecretsReadOnce();
            callback.assertNoDynamoCalls();
        }
    }

    @Test
    void reconcileSummarisesARunOnAnEmptyTable() throws Exception {
        try (RunningFunction reconcile = RunningFunction.start("reconcile", newTable())) {
            RuntimeApiServer.Result outcome = reconcile.invoke(LambdaEvents.resource("eventbridge-scheduled.json"));
            assertFalse(outcome.error(), outcome.toString());
            JsonNode summary = JSON.readTree(outcome.body());
            assertEquals(0, summary.path("examined").asInt(), outcome.body());
            assertEquals(0, summary.path("failed").asInt(), outcome.body());
            assertTrue(summary.path("complete").asBoolean(), outcome.body());
            JsonNode metrics = reconcile.metricLines().stream().filter(l -> l.has("ReconcileDuration")).findFirst()
                    .orElseThrow(() -> new AssertionError("no reconcile metrics\n" + RunningFunction.tail(
                            reconcile.log)));
            assertEquals("vcl/" + STACK, metrics.at("/_aws/CloudWatchMetrics/0/Namespace").asText(),
                    "the namespace template.yaml gives the stack");
            assertEquals(0, metrics.path("OrdersPending").asInt(), metrics.toString());
            reconcile.assertSecretsReadOnce();
            reconcile.assertRoleAllowsItsDynamoCalls(2);
        }
    }

    /** One purchase's first steps across three execution environments sharing one table, as in AWS. */
    @Test
    void initiateStartsASessionAtVippsThenStatusAndCallbackFindTheOrder() throws Exception {
        String table = newTable();
        String reference;
        try (RunningFunction initiate = RunningFunction.start("initiate", table)) {
            String shopOrderId = Carts.newShopOrderId();
            JsonNode noKey = initiate.http("POST", "/checkout/sessions", Map.of(),
                    Map.of("content-type", "application/json"), Carts.json(shopOrderId));
            assertEquals(401, noKey.path("statusCode").asInt(), noKey.toString());

            Map<String, String> headers = Map.of("content-type", "application/json",
                    "authorization", "Bearer " + SHOP_KEY, "idempotency-key", UUID.randomUUID().toString());
            JsonNode first = initiate.http("POST", "/checkout/sessions", Map.of(), headers, Carts.json(shopOrderId));
            assertEquals(201, first.path("statusCode").asInt(), first.toString());
            JsonNode started = JSON.readTree(first.path("body").asText());
            assertTrue(started.path("checkoutFrontendUrl").asText().startsWith("http"), started.toString());
            reference = started.path("reference").asText();
            assertTrue(reference.startsWith("shop-"), "ReferencePrefix from the template: " + reference);

            JsonNode retry = initiate.http("POST", "/checkout/sessions", Map.of(), headers, Carts.json(shopOrderId));
            assertEquals(reference, JSON.readTree(retry.path("body").asText()).path("reference").asText(),
                    "a retried request gets the same session: " + retry);
            assertEquals(List.of(), vipps.violations());
            initiate.assertSecretsReadOnce();
            initiate.assertRoleAllowsItsDynamoCalls(3);
        }
        try (RunningFunction status = RunningFunction.start("status", table)) {
            JsonNode answer = status.http("GET", "/checkout/sessions/{reference}", Map.of("reference", reference),
                    Map.of("authorization", "Bearer " + SHOP_KEY), null);
            assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
            JsonNode body = JSON.readTree(answer.path("body").asText());
            assertEquals(reference, body.path("reference").asText());
            assertEquals("NOK", body.path("currency").asText());
            status.assertRoleAllowsItsDynamoCalls(1);
        }
        try (RunningFunction callback = RunningFunction.start("callback", table)) {
            JsonNode answer = callback.http("POST", "/callbacks/checkout/{reference}",
                    Map.of("reference", reference), Map.of("content-type", "application/json"),
                    "{\"reference\":\"" + reference + "\",\"sessionState\":\"PaymentSuccessful\"}");
            assertEquals(401, answer.path("statusCode").asInt(), "no callback token: " + answer);
            callback.assertNoDynamoCalls();
        }
    }

    @Test
    void supportFindsAnOrderByDateAndNoUnknownOrder() throws Exception {
        String table = newTable();
        Order order = Order.create(new NewOrder("shop-order-it-1", Currency.NOK, List.of(new OrderLine("sku-1",
                        "Kaffe", 1, Money.of(25000, Currency.NOK), 2500, false)), new PaymentDescription("Ordre")),
                new ReferenceGenerator("it").firstAttempt(), PaymentSession.pending(Flow.CHECKOUT, "n0nce", "cb-hash",
                        "ret-hash"), Source.STOREFRONT, Instant.now().minusSeconds(60));
        new OrderStore(world.dynamo(), table, new ReconcileShards(16)).create(order);
        try (RunningFunction support = RunningFunction.start("support", table)) {
            JsonNode search = support.http("GET", "/orders", Map.of(), Map.of("authorization", "Bearer " + STAFF_KEY),
                    null);
            assertEquals(200, search.path("statusCode").asInt(), search.toString());
            assertEquals(order.reference().value(), JSON.readTree(search.path("body").asText())
                    .at("/orders/0/reference").asText(), "the search reads the order its index names: " + search);
            JsonNode unknown = support.http("GET", "/orders/{reference}", Map.of("reference",
                    "shop-261125-ABCDEFGH-1"), Map.of("authorization", "Bearer " + STAFF_KEY), null);
            assertEquals(404, unknown.path("statusCode").asInt(), unknown.toString());
            JsonNode shop = support.http("GET", "/orders", Map.of(), Map.of("authorization", "Bearer " + SHOP_KEY),
                    null);
            assertEquals(403, shop.path("statusCode").asInt(), "the shop's key may not read customers: " + shop);
            support.assertSecretsReadOnce();
            support.assertRoleAllowsItsDynamoCalls(3);
        }
    }

    @Test
    void operationsRefusesToCaptureAnUnknownOrder() throws Exception {
        try (RunningFunction operations = RunningFunction.start("operations", newTable())) {
            JsonNode answer = operations.http("POST", "/orders/{reference}/capture", Map.of("reference",
                    "shop-261125-ABCDEFGH-1"), Map.of("authorization", "Bearer " + STAFF_KEY, "content-type",
                    "application/json", "idempotency-key", UUID.randomUUID().toString()), "{\"amount\": 100}");
            assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
            JsonNode noKey = operations.http("POST", "/orders/{reference}/capture", Map.of("reference",
                    "shop-261125-ABCDEFGH-1"), Map.of("content-type", "application/json"), "{\"amount\": 100}");
            assertEquals(401, noKey.path("statusCode").asInt(), noKey.toString());
            JsonNode shopRefund = operations.http("POST", "/orders/{reference}/refund", Map.of("reference",
                    "shop-261125-ABCDEFGH-1"), Map.of("authorization", "Bearer " + SHOP_KEY, "content-type",
                    "application/json"), "{\"amount\": 100}");
            assertEquals(403, shopRefund.path("statusCode").asInt(), "the shop's key may not refund: " + shopRefund);
            operations.assertSecretsReadOnce();
            operations.assertRoleAllowsItsDynamoCalls(1);
        }
    }

    /** Signed as Vipps signs for the registered URL: accepted; anything else refused before the table is touched. */
    @Test
    void webhooksAcceptSignedDeliveriesOnly() throws Exception {
        try (RunningFunction webhooks = RunningFunction.start("webhooks", newTable())) {
            String body = "{\"msn\":\"" + vipps.credentials().merchantSerialNumber() + "\",\"reference\":"
                    + "\"shop-261125-ABCDEFGH-1\",\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\","
                    + "\"value\":100},\"success\":true}";
            Map<String, String> signed = world.signedWebhookHeaders(body);
            Map<String, String> forgedHeaders = new HashMap<>(signed);
            forgedHeaders.put("authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
                    + "&Signature=forged=");
            JsonNode forged = webhooks.http("POST", "/webhooks/vipps", Map.of(), forgedHeaders, body);
            assertEquals(401, forged.path("statusCode").asInt(), forged.toString());
            webhooks.assertNoDynamoCalls();
            JsonNode genuine = webhooks.http("POST", "/webhooks/vipps", Map.of(), signed, body);
            assertEquals(200, genuine.path("statusCode").asInt(), genuine.toString());
            webhooks.assertSecretsReadOnce();
            webhooks.assertRoleAllowsItsDynamoCalls(1);
        }
    }

    @Test
    void theAuthorizerAllowsKnownKeysOnly() throws Exception {
        try (RunningFunction authorize = RunningFunction.start("authorize", newTable())) {
            assertEquals("{\"isAuthorized\":true}", authorize.authorizer("Bearer " + SHOP_KEY).body());
            assertEquals("{\"isAuthorized\":true}", authorize.authorizer("Bearer " + STAFF_KEY).body());
            assertEquals("{\"isAuthorized\":false}", authorize.authorizer("Bearer not-a-key").body());
            assertEquals("{\"isAuthorized\":false}", authorize.authorizer(SHOP_KEY).body());
            authorize.assertLinesCarryTheirRequestIds(2);
            authorize.assertSecretsReadOnce();
            authorize.assertRoleAllowsItsDynamoCalls(0);
        }
    }

    @Test
    void aSecretThatCannotBeReadStopsTheColdStart() throws Exception {
        try (RunningFunction status = RunningFunction.start("status", newTable(),
                Map.of("VCL_SECRET_SHOP", ARN + "missing"))) {
            throw new AssertionError("the function started without its secret");
        } catch (AssertionError e) {
            // RIC reports the failed start to /runtime/init/error, as Lambda's own runtime does.
            assertTrue(e.getMessage().contains("the function failed to start")
                    && e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        }
    }

    @Test
    void aTooShortApiKeyStopsTheColdStartWithAClearMessage() throws Exception {
        secrets.put(ARN + "short-shop", Map.of("vcl.shop-api-key", "only-twenty-chars-xx"));
        try (RunningFunction authorize = RunningFunction.start("authorize", newTable(),
                Map.of("VCL_SECRET_SHOP", ARN + "short-shop"))) {
            throw new AssertionError("the function started with a 20-character key");
        } catch (AssertionError e) {
            assertTrue(e.getMessage().contains("the function failed to start")
                    && e.getMessage().contains("configuration 'vcl.shop-api-key' must be at least 32 characters long"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("only-twenty-chars-xx"), "the key must not be shown");
        }
    }

    @Test
    void aSecretHoldingANameItMayNotHoldStopsTheColdStartAndIsLoggedWithoutItsValue() throws Exception {
        secrets.put(ARN + "smuggling-staff", Map.of("vcl.staff.kari.api-key", STAFF_KEY,
                "vcl.staff.kari.rights", "operations,support", "vipps.client-secret", "smuggled-client-secret-42"));
        try (RunningFunction operations = RunningFunction.start("operations", newTable(),
                Map.of("VCL_SECRET_STAFF", ARN + "smuggling-staff"))) {
            throw new AssertionError("the function started with a staff secret that sets the Vipps client secret");
        } catch (AssertionError e) {
            assertTrue(e.getMessage().contains("the function failed to start")
                    && e.getMessage().contains("holds 'vipps.client-secret', which it may not hold"), e.getMessage());
            assertFalse(e.getMessage().contains("smuggled-client-secret-42"), "the value must not be logged");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static String newTable() {
        return world.newTable();
    }

    /** What the function's role in template.yaml allows on DynamoDB, in the proxy's terms. */
    static Set<DynamoProxy.Call> allowedDynamoCalls(String function) {
        String role = SamTemplate.getAtt(template.functionProperties(function).get("Role")).get(0);
        Set<DynamoProxy.Call> allowed = new HashSet<>();
        for (Object policy : list(template.properties(role).get("Policies"))) {
            for (Object s : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                Map<String, Object> statement = map(s);
                for (Object action : list(statement.get("Action"))) {
                    for (Object resource : list(statement.get("Resource"))) {
                        List<String> getAtt = SamTemplate.getAtt(resource);
                        Object sub = resource instanceof Map<?, ?> m ? m.get("Fn::Sub") : null;
                        if (getAtt != null && getAtt.get(0).equals("OrdersTable")) {
                            allowed.add(new DynamoProxy.Call((String) action, "table"));
                        } else if (sub instanceof String text && text.startsWith("${OrdersTable.Arn}/")) {
                            allowed.add(new DynamoProxy.Call((String) action,
                                    text.substring("${OrdersTable.Arn}/".length())));
                        }
                    }
                }
            }
        }
        return allowed;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** One Lambda execution environment: the runtime process and its Runtime API. */
    static final class RunningFunction implements AutoCloseable {
        private final String export;
        private final RuntimeApiServer api;
        private final Process process;
        private final Path log;
        private final int callsBefore;
        private final int secretCount;
        final Map<String, String> env;
        private final DynamoProxy dynamoProxy;

        private RunningFunction(String export, RuntimeApiServer api, Process process, Path log, int callsBefore,
                                int secretCount, Map<String, String> env, DynamoProxy dynamoProxy) {
            this.env = env;
            this.dynamoProxy = dynamoProxy;
            this.export = export;
            this.api = api;
            this.process = process;
            this.log = log;
            this.callsBefore = callsBefore;
            this.secretCount = secretCount;
        }

        static RunningFunction start(String export, String table) throws Exception {
            return start(export, table, Map.of());
        }

        static RunningFunction start(String export, String table, Map<String, String> overrides) throws Exception {
            String function = template.functionExporting(export);
            Map<String, String> env = new LinkedHashMap<>(world.environment(export, table));
            env.putAll(overrides);
            int secretCount = (int) env.keySet().stream().filter(name -> name.startsWith("VCL_SECRET_")).count();
            // What Lambda itself sets in every execution environment (region and credentials: world.environment).
            env.put("AWS_LAMBDA_FUNCTION_NAME", "vcl-it-" + function);
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/vcl/it/" + export);
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/25/[$LATEST]0123456789abcdef");
            env.put("LAMBDA_TASK_ROOT", unpacked.toString());
            env.put("_HANDLER", HANDLER);
            env.put("TZ", ":UTC");
            env.put("PATH", System.getenv("PATH"));
            // DynamoDB through a proxy that records the calls (the other stand-ins: world.environment).
            DynamoProxy dynamoProxy = DynamoProxy.start(dynalite.endpoint());
            env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoProxy.endpoint().toString());

            RuntimeApiServer api = RuntimeApiServer.start(export, CALL);
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            List<String> command = new ArrayList<>();
            if (Files.isRegularFile(unpacked.resolve("bootstrap"))) {
                // Native build (-Pnative): provided.al2023 runs the zip's bootstrap executable itself.
                unpacked.resolve("bootstrap").toFile().setExecutable(true);
                command.add(unpacked.resolve("bootstrap").toString());
            } else {
                command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xmx384m",
                        "-cp", unpacked + java.io.File.pathSeparator + unpacked.resolve("lib") + "/*"
                                + java.io.File.pathSeparator + basedir.resolve("target/ric") + "/*",
                        RIC_MAIN, HANDLER));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(unpacked.toFile())
                    .redirectErrorStream(true);
            Path log = basedir.resolve("target/function-it-" + export + ".log");
            builder.redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            int callsBefore = secrets.calls().size();
            Process process = builder.start();
            RunningFunction running = new RunningFunction(export, api, process, log, callsBefore, secretCount,
                    Map.copyOf(env), dynamoProxy);
            try {
                awaitStart(api, process);
            } catch (Throwable e) {
                running.close();
                throw new AssertionError(e.getMessage() + "\n--- " + log + " ---\n" + tail(log), e);
            }
            return running;
        }

        /** Waits until the runtime asks for its first event; fails with the init error or the early exit if any. */
        private static void awaitStart(RuntimeApiServer api, Process process) throws Exception {
            long end = System.nanoTime() + START.toNanos();
            while (!api.awaitReady(Duration.ofMillis(50))) {
                if (api.initError() != null) {
                    throw new AssertionError("the function failed to start: " + api.initError());
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the runtime exited with " + process.exitValue()
                            + " before it asked for an event");
                }
                if (System.nanoTime() > end) {
                    throw new java.util.concurrent.TimeoutException("the runtime did not ask for an event within "
                            + START);
                }
            }
        }

        RuntimeApiServer.Result invoke(String event) throws Exception {
            try {
                return api.invoke(event);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError(export + " gave no answer\n" + tail(log), e);
            }
        }

        /** An API Gateway HTTP API (payload 2.0) request to a route of this function; returns its response. */
        JsonNode http(String method, String pathTemplate, Map<String, String> pathParameters,
                      Map<String, String> headers, String body) throws Exception {
            RuntimeApiServer.Result outcome = invoke(LambdaEvents.http(method, pathTemplate, pathParameters, headers,
                    body));
            assertFalse(outcome.error(), export + " failed: " + outcome + "\n" + tail(log));
            return JSON.readTree(outcome.body());
        }

        RuntimeApiServer.Result authorizer(String authorization) throws Exception {
            RuntimeApiServer.Result outcome = invoke(LambdaEvents.authorizer(authorization));
            assertFalse(outcome.error(), outcome.toString());
            return outcome;
        }

        /** Secrets are read at cold start, once each, and never again while the environment lives. */
        void assertSecretsReadOnce() {
            assertEquals(secretCount, secrets.calls().size() - callsBefore, export + " reads each secret once");
            assertTrue(secrets.calls().stream().skip(callsBefore).allMatch(c -> c.authorization()
                    .startsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEEXAMPLE01/")
                    && "execution-role-session-token".equals(c.securityToken())), "signed with the role's keys");
            assertTrue(process.isAlive(), export + " still running");
            String output = tail(log);
            for (String secret : List.of(SHOP_KEY, STAFF_KEY, vipps.credentials().clientSecret(),
                    vipps.credentials().subscriptionKey(), "generated-by-cloudformation")) {
                assertFalse(output.contains(secret), export + " logged a secret value");
            }
        }

        /** The embedded-metric-format lines the function printed. */
        List<JsonNode> metricLines() throws IOException {
            List<JsonNode> metrics = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                JsonNode json = JSON.readTree(line);
                if (json.has("_aws")) {
                    metrics.add(json);
                }
            }
            return metrics;
        }

        /**
         * The application's log lines (JSON, as in AWS) name the function and carry the invocation's Lambda and API
         * Gateway request ids, as separate fields; there are at least {@code atLeast} of them.
         */
        void assertLinesCarryTheirRequestIds(int atLeast) throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                JsonNode json = JSON.readTree(line);
                assertEquals(export, json.path("function").asText(), line);
                if (json.path("loggerName").asText().startsWith("io.github.vcl")) {
                    lines.add(json);
                }
            }
            assertTrue(lines.size() >= atLeast, export + " logged " + lines);
            for (JsonNode line : lines) {
                assertFalse(line.at("/mdc/AWSRequestId").asText().isEmpty(), line.toString());
                assertFalse(line.at("/mdc/apiRequestId").asText().isEmpty(), line.toString());
            }
        }

        /**
         * Every DynamoDB call the function made is allowed by its role in template.yaml (same action, on the table
         * or the same index), and it made at least {@code atLeast} of them.
         */
        void assertNoDynamoCalls() {
            assertEquals(List.of(), dynamoProxy.calls(), export + " made DynamoDB calls");
        }

        void assertRoleAllowsItsDynamoCalls(int atLeast) {
            Set<DynamoProxy.Call> allowed = allowedDynamoCalls(template.functionExporting(export));
            List<DynamoProxy.Call> calls = dynamoProxy.calls();
            assertTrue(calls.size() >= atLeast, export + " made DynamoDB calls: " + calls);
            for (DynamoProxy.Call call : calls) {
                assertTrue(allowed.contains(call), export + " called " + call + ", which its role does not allow ("
                        + allowed + ")");
            }
        }

        @Override
        public void close() {
            dynamoProxy.close();
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api.close();
        }

        static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 400), lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

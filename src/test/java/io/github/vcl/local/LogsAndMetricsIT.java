package io.github.vcl.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.local.simulator.delivery.Delivery;
import io.github.vcl.observe.LogContext;
import io.github.vcl.observe.Metric;
import io.github.vcl.observe.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Logs and metrics of whole order lives, as CloudWatch gets them: the local system ({@link LocalSystem}: the packaged
 * {@code function.zip}, one JVM per function under AWS's runtime interface client) with the functions logging JSON as
 * in AWS and the reconciler invoked as EventBridge invokes it. Three orders live through the HTTP API and the
 * simulated Vipps MobilePay — one initiated with the customer's details, its return page shown, approved (callback and
 * webhooks), polled, captured after a Vipps 500, refunded, its rest cancelled, reconciled and looked up by staff; one
 * rejected in the app; one abandoned — and every line each function wrote is then read back: who it belongs to, that
 * it holds no secret, token or personal data, and the metrics among them.
 */
class LogsAndMetricsIT {
    private static final Path BASEDIR = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Routed functions: each of their invocations is an API Gateway request. */
    private static final Set<String> HTTP_FUNCTIONS = Set.of("initiate", "status", "callback", "webhooks",
            "operations", "support");
    /** The customer's details the shop sends and Vipps reports back: none may reach a log. */
    private static final List<String> PERSONAL_DATA = List.of("Ingrid", "Loggmann", "ingrid.loggmann@example.org",
            "4790011223", "Sporveien 42", "Loggby");

    /** The counts of orders' changes: initiated, authorized, captured, … (not those pending). */
    private static final List<Metric> ORDER_CHANGES = Stream.of(Metric.values())
            .filter(m -> m.name().startsWith("ORDERS_") && m != Metric.ORDERS_PENDING).toList();

    private static LocalSystem system;
    private static final List<String> references = new ArrayList<>();
    /** Every line each function wrote, by function. */
    private static final Map<String, List<String>> lines = new LinkedHashMap<>();
    private static final Set<String> secrets = new HashSet<>();

    @BeforeAll
    static void liveThreeOrdersThroughTheFunctions() throws Exception {
        assumeTrue(LocalSystem.jvmModeArtifact(BASEDIR), "target/function.zip is not a JVM-mode Lambda artifact "
                + "(native build): the local system needs the JVM one");
        system = LocalSystem.start(LocalSystem.Options.defaults(BASEDIR)
                .withLogs(BASEDIR.resolve("target/logs-and-metrics"))
                .withReconcileEvery("off")
                // the default profile, as in AWS: JSON log lines (the local profile's are plain)
                .withEnvironment(Map.of("QUARKUS_PROFILE", "prod")));
        try {
            liveTheOrders(system.simulator());
            secrets.addAll(secretsOfTheRun(system.simulator()));
        } finally {
            system.close();
        }
        for (String function : LocalSystem.functions()) {
            Path log = system.logs().resolve(function + ".log");
            lines.put(function, Files.readAllLines(log, StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static void liveTheOrders(VippsSimulator vipps) throws Exception {
        String paid = initiate("checkout");
        String returnToken = query(sessionRequest(vipps, paid).at("/merchantInfo/returnUrl").asText(), "t");
        assertEquals(200, get("return/" + paid + "?t=" + returnToken, Map.of()).statusCode());
        assertEquals(200, get("return/" + paid + "/status?t=" + returnToken, Map.of()).statusCode());
        vipps.customer().approve(paid);
        awaitStatus(paid, "AUTHORIZED");

        vipps.faults().on(Operation.CAPTURE).forReference(paid).respond(500).times(1);
        assertEquals(200, staff("POST", "orders/" + paid + "/capture", "{\"amount\": 20000}").statusCode());
        assertEquals(200, staff("POST", "orders/" + paid + "/refund", "{\"amount\": 5000}").statusCode());
        assertEquals(200, staff("POST", "orders/" + paid + "/cancel", "{}").statusCode());

        String rejected = initiate("epayment");
        vipps.customer().reject(rejected);
        awaitStatus(rejected, "ABORTED");
        String abandoned = initiate("checkout");
        vipps.customer().abandon(abandoned);
        awaitStatus(abandoned, "EXPIRED");

        String scheduled = resource("/lambda-events/eventbridge-scheduled.json");
        for (int i = 0; i < 2; i++) {
            String summary = system.lambdas().invoke(LocalSystem.RECONCILE, scheduled);
            assertEquals(0, JSON.readTree(summary).path("failed").asInt(), summary);
        }
        assertEquals(200, staff("GET", "orders/" + paid, null).statusCode());
        assertEquals(200, staff("GET", "orders?status=CANCELLED", null).statusCode());
        assertEquals(403, get("orders/" + paid, Map.of("Authorization", "Bearer " + system.shopKey()))
                .statusCode());
        awaitDeliveries(vipps);
    }

    // ---- every line tells whose it is ------------------------------------------------------------------------

    @Test
    void everyLineIsOneJsonObjectNamingItsFunction() {
        for (var function : lines.entrySet()) {
            assertFalse(function.getValue().isEmpty(), function.getKey() + " wrote nothing");
            for (String line : function.getValue()) {
                JsonNode json = parse(function.getKey(), line);
                assertEquals(function.getKey(), json.path(Metrics.FUNCTION).asText(), "a line of "
                        + function.getKey() + ": " + line);
            }
        }
    }

    /**
     * Every line but Quarkus' own lines of starting and stopping — log and metric lines alike — carries the Lambda
     * request id, and for a routed function API Gateway's request id; a line about an order carries its reference:
     * one that names it, every line of a reconciler's worker, and every count of an order's change.
     */
    @Test
    void everyLineOfAnInvocationCarriesItsRequestIdsAndTheOrderItIsAbout() {
        int checked = 0;
        Set<String> lambdaRequestIds = new HashSet<>();
        for (var function : lines.entrySet()) {
            for (String text : function.getValue()) {
                JsonNode line = parse(function.getKey(), text);
                if ("io.quarkus".equals(line.path("loggerName").asText())) {
                    continue;
                }
                checked++;
                JsonNode mdc = line.path("mdc");
                String where = function.getKey() + ": " + line;
                assertFalse(mdc.path(LogContext.LAMBDA_REQUEST_ID).asText().isEmpty(), "Lambda request id: " + where);
                lambdaRequestIds.add(mdc.path(LogContext.LAMBDA_REQUEST_ID).asText());
                if (HTTP_FUNCTIONS.contains(function.getKey())) {
                    assertFalse(mdc.path(LogContext.API_REQUEST_ID).asText().isEmpty(), "API Gateway request id: "
                            + where);
                }
                String message = line.path("message").asText();
                if (references.stream().anyMatch(message::contains)
                        || line.path("threadName").asText().startsWith("pool-") || countsAnOrder(line)) {
                    assertTrue(references.contains(mdc.path(LogContext.REFERENCE).asText()), "reference: " + where);
                }
            }
        }
        assertTrue(checked > 60, "the functions wrote " + checked + " lines in invocations");
        assertTrue(lambdaRequestIds.size() > 10, "one Lambda request id per invocation: " + lambdaRequestIds);
        Set<String> withReference = lines.keySet().stream().filter(f -> logRecords(f).stream()
                .anyMatch(l -> references.contains(l.at("/mdc/" + LogContext.REFERENCE).asText())))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(withReference.containsAll(Set.of("initiate", "callback", "webhooks", "operations", "reconcile")),
                "functions whose lines named an order: " + withReference);
    }

    /** Vipps answered the first capture with a 500: its traceId is on that line and the invocation's later ones. */
    @Test
    void vippsTraceIdOfAnErrorStaysOnTheInvocationsLaterLines() {
        List<JsonNode> operations = logRecords("operations");
        JsonNode error = operations.stream().filter(l -> "500".equals(l.at("/mdc/vippsStatus").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no line of the capture's 500"));
        String traceId = error.at("/mdc/" + LogContext.TRACE_ID).asText();
        assertFalse(traceId.isEmpty(), error.toString());
        String invocation = error.at("/mdc/" + LogContext.LAMBDA_REQUEST_ID).asText();
        List<JsonNode> later = operations.subList(operations.indexOf(error) + 1, operations.size()).stream()
                .filter(l -> invocation.equals(l.at("/mdc/" + LogContext.LAMBDA_REQUEST_ID).asText())).toList();
        assertFalse(later.isEmpty(), "the capture's invocation logged after Vipps' 500");
        later.forEach(l -> assertEquals(traceId, l.at("/mdc/" + LogContext.TRACE_ID).asText(), l.toString()));
        assertTrue(operations.stream().filter(l -> !invocation.equals(l.at("/mdc/" + LogContext.LAMBDA_REQUEST_ID)
                .asText())).noneMatch(l -> l.at("/mdc/" + LogContext.TRACE_ID).isTextual()),
                "another invocation's lines carry no traceId of this one (the MDC is cleared)");
    }

    @Test
    void noLineHoldsASecretATokenOrPersonalData() {
        assertTrue(secrets.size() >= 10, "the run's secrets and tokens: " + secrets.size());
        List<String> leaks = new ArrayList<>();
        for (var function : lines.entrySet()) {
            for (String line : function.getValue()) {
                Stream.concat(secrets.stream(), PERSONAL_DATA.stream()).filter(line::contains)
                        .forEach(leak -> leaks.add(function.getKey() + " logged '" + leak + "': " + line));
            }
        }
        assertEquals(List.of(), leaks);
    }

    // ---- metrics ---------------------------------------------------------------------------------------------

    /**
     * The metrics are embedded-metric-format lines of their own, in the run's namespace: each value one the code
     * declares ({@link Metric}), with its unit, under its dimension sets, whose values are there and are never an
     * order reference. The order lives above emit every one of them.
     */
    @Test
    void theMetricsAreEmbeddedMetricFormatLinesOfEveryDeclaredMetric() {
        Set<String> emitted = new TreeSet<>();
        for (String function : lines.keySet()) {
            for (JsonNode line : metricLines(function)) {
                assertTrue(line.at("/_aws/Timestamp").canConvertToLong(), line.toString());
                for (JsonNode directive : line.at("/_aws/CloudWatchMetrics")) {
                    assertEquals("vcl/local", directive.path("Namespace").asText(), line.toString());
                    List<List<String>> dimensionSets = new ArrayList<>();
                    directive.path("Dimensions").forEach(set -> {
                        List<String> names = new ArrayList<>();
                        set.forEach(n -> names.add(n.asText()));
                        names.forEach(name -> {
                            String value = line.path(name).asText();
                            assertFalse(value.isEmpty(), "dimension " + name + " has a value: " + line);
                            assertTrue(references.stream().noneMatch(value::contains), "no reference: " + line);
                        });
                        dimensionSets.add(names);
                    });
                    for (JsonNode definition : directive.path("Metrics")) {
                        Metric metric = Stream.of(Metric.values())
                                .filter(m -> m.metricName().equals(definition.path("Name").asText())).findFirst()
                                .orElseThrow(() -> new AssertionError("not a declared metric: " + line));
                        assertEquals(metric.unit().cloudWatchName(), definition.path("Unit").asText(), line.toString());
                        assertEquals(metric.dimensionSets(), dimensionSets, line.toString());
                        assertTrue(line.path(metric.metricName()).canConvertToLong(), line.toString());
                        emitted.add(metric.metricName());
                    }
                }
            }
        }
        assertEquals(Stream.of(Metric.values()).map(Metric::metricName).collect(Collectors.toCollection(TreeSet::new)),
                emitted, "every declared metric was emitted");
        assertTrue(metricLines("operations").stream().anyMatch(l -> l.path("VippsErrors").asInt() == 1
                && "500".equals(l.path(Metric.STATUS).asText()) && "epayment".equals(l.path(Metric.API).asText())),
                "the capture's 500 is counted as a Vipps error of the ePayment API");
        assertEquals(Map.of("OrdersInitiated", 3, "OrdersAuthorized", 1, "OrdersCaptured", 1, "OrdersRefunded", 1,
                "OrdersCancelled", 1, "OrdersFailed", 1, "OrdersExpired", 1), orderCounts(),
                "each order change counted once, whichever function wrote it");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A metric line with a count of orders initiated, authorized, … (one order's change). */
    private static boolean countsAnOrder(JsonNode line) {
        return ORDER_CHANGES.stream().anyMatch(m -> line.has(m.metricName()));
    }

    private static Map<String, Integer> orderCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        lines.keySet().forEach(f -> metricLines(f).forEach(line -> ORDER_CHANGES.stream()
                .filter(m -> line.has(m.metricName()))
                .forEach(m -> counts.merge(m.metricName(), line.path(m.metricName()).asInt(), Integer::sum))));
        return counts;
    }

    private static List<JsonNode> logRecords(String function) {
        return lines.get(function).stream().map(l -> parse(function, l)).filter(l -> !l.has("_aws")).toList();
    }

    private static List<JsonNode> metricLines(String function) {
        return lines.get(function).stream().map(l -> parse(function, l)).filter(l -> l.has("_aws")).toList();
    }

    private static JsonNode parse(String function, String line) {
        try {
            JsonNode json = JSON.readTree(line);
            assertTrue(json != null && json.isObject(), function + " wrote a line that is no JSON object: " + line);
            return json;
        } catch (IOException e) {
            throw new AssertionError(function + " wrote a line that is no JSON: " + line, e);
        }
    }

    /** The run's keys and secrets, the Vipps keys, and every token that went between the functions and Vipps. */
    private static Set<String> secretsOfTheRun(VippsSimulator vipps) {
        Set<String> found = new HashSet<>(system.generatedSecrets());
        Credentials credentials = vipps.credentials();
        found.addAll(List.of(credentials.clientSecret(), credentials.subscriptionKey()));
        for (RecordedRequest request : vipps.requests()) {
            String authorization = request.header("Authorization");
            if (authorization != null && authorization.startsWith("Bearer ")) {
                found.add(authorization.substring("Bearer ".length()));
            }
        }
        for (String reference : references) {
            JsonNode session = sessionRequest(vipps, reference);
            if (!session.isMissingNode()) {
                found.add(session.at("/merchantInfo/callbackAuthorizationToken").asText());
                found.add(query(session.at("/merchantInfo/returnUrl").asText(), "t"));
            }
        }
        vipps.deliveries(Delivery.Channel.WEBHOOK).forEach(d -> found.add(d.headers().get("Authorization")));
        found.removeIf(s -> s == null || s.length() < 8);
        return found;
    }

    /** The Checkout session request the backend sent for {@code reference}; missing for an ePayment order. */
    private static JsonNode sessionRequest(VippsSimulator vipps, String reference) {
        return vipps.requests().stream().filter(r -> r.method().equals("POST")
                        && r.path().equals("/checkout/v3/session"))
                .map(r -> readTree(r.bodyText()))
                .filter(b -> reference.equals(b.at("/transaction/reference").asText()))
                .findFirst().orElse(JSON.missingNode());
    }

    private static String initiate(String flow) {
        String body = """
                {"shopOrderId": "%s", "currency": "NOK", "paymentDescription": "Logged order", "flow": "%s",
                 "lines": [{"id": "sku-1", "name": "Coffee beans", "quantity": 2, "unitPrice": 25000, "taxRate": 1500}],
                 "customer": {"firstName": "Ingrid", "lastName": "Loggmann", "email": "ingrid.loggmann@example.org",
                              "phoneNumber": "4790011223", "streetAddress": "Sporveien 42", "postalCode": "7491",
                              "city": "Loggby", "country": "NO"},
                 "customerDetails": ["name", "email", "phoneNumber", "address"]}
                """.formatted("logged-" + UUID.randomUUID().toString().substring(0, 8), flow);
        HttpResponse<String> started = send("POST", "checkout/sessions", Map.of("Authorization",
                "Bearer " + system.shopKey(), "Idempotency-Key", UUID.randomUUID().toString()), body);
        assertEquals(201, started.statusCode(), started.body());
        String reference = readTree(started.body()).path("reference").asText();
        references.add(reference);
        return reference;
    }

    private static void awaitStatus(String reference, String status) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        String seen = "";
        while (System.nanoTime() < end) {
            HttpResponse<String> answer = get("checkout/sessions/" + reference,
                    Map.of("Authorization", "Bearer " + system.shopKey()));
            seen = readTree(answer.body()).path("status").asText();
            if (status.equals(seen)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(reference + " is " + seen + ", not " + status + ", after " + WAIT);
    }

    /** Lets the last callbacks and webhooks arrive before the functions stop. */
    private static void awaitDeliveries(VippsSimulator vipps) throws InterruptedException {
        int seen = -1;
        while (seen != vipps.deliveries().size()) {
            seen = vipps.deliveries().size();
            Thread.sleep(1000);
        }
    }

    private static HttpResponse<String> staff(String method, String path, String body) {
        return send(method, path, Map.of("Authorization", "Bearer " + system.staffKey(), "Idempotency-Key",
                UUID.randomUUID().toString()), body);
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.apiUrl().resolve(path)).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String query(String url, String name) {
        String query = URI.create(url).getRawQuery();
        return Stream.of(query == null ? new String[0] : query.split("&")).filter(p -> p.startsWith(name + "="))
                .map(p -> p.substring(name.length() + 1)).findFirst().orElse("");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LogsAndMetricsIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

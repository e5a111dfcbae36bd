package io.github.vcl.golive;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.gateway.Route;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The go-live kit against the local run (failsafe, after {@code package}): one local run is started in this JVM the
 * way {@code --local} starts it, and the command's run is made against it, first as it should go, then with broken
 * setups (a wrong staff key, a route the API lacks, Vipps refusing the merchant's keys or a capture), then in
 * production mode (refused without the typed word, tidied up with it). Every report is scanned for keys and for the
 * simulated customer's personal data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoLiveIT {
    private static final Path BASEDIR = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
    private static final Path OUT = BASEDIR.resolve("target/go-live-it");
    /** What the simulator's Checkout session holds about the customer (local/simulator/checkout/CheckoutSession). */
    private static final List<String> CUSTOMER = List.of("Ola", "Nordmann", "ola.nordmann@example.com",
            "4791234567", "Robert Levins gate", "0154 Oslo");

    private static Target local;
    private static final List<Path> reports = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTheLocalRun() throws IOException {
        Path zip = BASEDIR.resolve("target/function.zip");
        try (ZipFile jar = new ZipFile(zip.toFile())) {
            assumeTrue(jar.stream().anyMatch(e -> e.getName().startsWith("lib/")),
                    "target/function.zip is a native build: the local run needs the JVM one");
        }
        local = LocalTarget.start(BASEDIR, "5s");
    }

    @AfterAll
    static void stopTheLocalRun() {
        if (local != null) {
            local.close();
        }
    }

    @AfterEach
    void noPlannedFaultOutlivesItsTest() {
        if (local != null) {
            simulator().faults().clear();
        }
    }

    @Test
    @Order(1)
    void againstTheLocalRunEveryAutomatableRowIsProvenAndTheFourReferencesEndAsPlanned() throws IOException {
        GoLive.Result result = goLive(local, "ok", "");

        assertEquals(GoLive.PASSED, result.exit(), console);
        Report report = result.report();
        for (Report.Row row : report.rows.values()) {
            Report.Status expected = switch (row.id) {
                case "design" -> Report.Status.NEEDS_PERSON;
                case "webhooks" -> Report.Status.INFO;
                default -> Report.Status.PROVEN;
            };
            assertEquals(expected, row.status, row.id + ": " + row.summary);
            assertFalse(row.evidence.isEmpty() && expected == Report.Status.PROVEN, row.id + " has no evidence");
        }
        Map<String, String> plan = Map.of("CAPTURED", "AUTHORIZED", "REFUNDED", "AUTHORIZED", "CANCELLED",
                "AUTHORIZED", "AUTHORIZED", "AUTHORIZED", "REJECTED by the customer", "ABORTED");
        assertEquals(plan.keySet(), report.orders.stream().map(o -> o.expected).collect(java.util.stream.Collectors
                .toSet()));
        for (Report.OrderEntry o : report.orders) {
            assertEquals("matches", o.verdict, o.reference);
            // the simulated Vipps' own state, not through any of the kit's readers
            assertEquals(plan.get(o.expected), simulator().paymentState(o.reference), o.reference);
        }
        assertEquals(Map.of("authorized", 200L, "captured", 200L, "refunded", 200L, "cancelled", 0L),
                report.order("refunded").vipps);
        assertEquals(Map.of("authorized", 200L, "captured", 0L, "refunded", 0L, "cancelled", 200L),
                report.order("cancelled").vipps);

        String md = Files.readString(OUT.resolve("ok").resolve(ReportWriter.MARKDOWN));
        for (Report.OrderEntry o : report.orders) {
            assertTrue(md.contains("| " + o.expected + " | `" + o.reference + "` |"), o.reference);
        }
        assertTrue(md.contains("Vipps traceId 00-"), "the Vipps refusal shows its traceId");
        assertTrue(md.contains("Vipps-System-Name: vipps-checkout-lambda"), md);
        JsonNode json = BackendApi.JSON.readTree(OUT.resolve("ok").resolve(ReportWriter.JSON).toFile());
        assertTrue(json.path("passed").asBoolean());
        assertEquals(Report.ROWS.length, json.path("checklist").size());
        assertEquals(5, json.path("orders").size());
    }

    @Test
    @Order(2)
    void aWrongStaffKeyIsNamedAndNothingIsCreated() {
        GoLive.Result result = goLive(local.withStaffKey(Secret.of("a-staff-key-nobody-was-ever-given-0123456789")),
                "wrong-staff-key", "");

        assertEquals(GoLive.FAILED, result.exit());
        assertFailure(result, "preflight", "the API refused the staff key", "HTTP 401");
        assertTrue(result.report().orders.stream().allMatch(o -> o.reference == null), "no order was created");
        assertEquals(Report.Status.NOT_RUN, result.report().row("final-states").status);
    }

    @Test
    @Order(3)
    void aRouteTheApiLacksIsNamed() {
        try (RouteHidingProxy stack = RouteHidingProxy.start(local.api(),
                new Route("POST", "/orders/{reference}/refund", "operations"))) {
            GoLive.Result result = goLive(local.withApi(stack.url()), "missing-route", "");

            assertEquals(GoLive.FAILED, result.exit());
            assertFailure(result, "preflight", "POST /orders/{reference}/refund is not a route of the API",
                    "Not Found");
            assertTrue(result.report().orders.stream().allMatch(o -> o.reference == null), "no order was created");
        }
    }

    @Test
    @Order(4)
    void vippsRefusingTheMerchantKeysIsNamed() {
        VippsSettings real = local.vipps();
        VippsSettings wrong = VippsSettings.of(real.baseUrl(), real.clientId(), Secret.of("not-the-client-secret"),
                real.subscriptionKey(), real.merchantSerialNumber());

        GoLive.Result result = goLive(local.withVipps(wrong), "wrong-vipps-key", "");

        assertEquals(GoLive.FAILED, result.exit());
        assertFailure(result, "preflight", "Vipps MobilePay refused the merchant keys", "HTTP 401");
    }

    @Test
    @Order(5)
    void vippsRefusingACaptureIsReportedWithItsTraceIdAndTheRunTidiesUp() {
        simulator().faults().on(Operation.CAPTURE).respond(403).times(1);

        GoLive.Result result = goLive(local, "vipps-refuses", "");

        assertEquals(GoLive.FAILED, result.exit());
        Report.Failure failure = result.report().failures.get(0);
        assertTrue(failure.step().startsWith("capture of the CAPTURED order"), failure.toString());
        assertTrue(failure.what().contains("Vipps MobilePay"), failure.toString());
        assertNotNull(failure.traceId(), "Vipps' traceId is in the report");
        assertEquals(Report.Status.NOT_RUN, result.report().row("final-states").status);
        // what the run left reserved was released
        for (Report.OrderEntry o : result.report().orders) {
            if (!o.role.equals("rejected")) {
                assertNotNull(o.afterCleanup, o.role + " was tidied up");
                assertTrue(o.afterCleanup.contains("cancel → 200"), o.afterCleanup);
            }
        }
    }

    @Test
    @Order(6)
    void productionIsNotStartedWithoutTheTypedWord() {
        int sessions = sessionsCreated();

        GoLive.Result result = goLive(local, "production-not-confirmed", "yes\n", "--vipps", "production");

        assertEquals(GoLive.NOT_CONFIRMED, result.exit());
        assertTrue(console.contains("Type " + GoLiveRun.CONFIRMATION), console);
        assertEquals(sessions, sessionsCreated(), "no session was created");
        assertTrue(result.files().isEmpty());
    }

    @Test
    @Order(7)
    void productionRefundsAndCancelsWhatItCreatedButTheAuthorizedOrder() {
        GoLive.Result result = goLive(local, "production", GoLiveRun.CONFIRMATION + "\n", "--vipps", "production");

        assertEquals(GoLive.PASSED, result.exit(), console);
        Report report = result.report();
        assertEquals("matches", report.order("captured").verdict, "verified as CAPTURED before the clean-up");
        assertTrue(report.order("captured").afterCleanup.startsWith("refund of 200 øre → 200"),
                report.order("captured").afterCleanup);
        assertNull(report.order("authorized").afterCleanup, "the AUTHORIZED order is kept");
        assertEquals("AUTHORIZED", simulator().paymentState(report.order("authorized").reference));
        assertTrue(report.actions.stream().anyMatch(a -> a.startsWith("Production run confirmed")), report.actions
                .toString());
    }

    @Test
    @Order(8)
    void noReportHoldsAKeyOrTheCustomersPersonalData() throws IOException {
        assertFalse(reports.isEmpty());
        List<String> secrets = new ArrayList<>(local.secrets());
        secrets.add(simulator().credentials().clientSecret());
        for (Path file : reports) {
            String text = Files.readString(file);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), file + " holds a key");
            }
            for (String personal : CUSTOMER) {
                assertFalse(text.contains(personal), file + " holds the customer's " + personal);
            }
            assertFalse(text.matches("(?s).*[?&]t=[A-Za-z0-9_.-]{8,}.*"), file + " holds a return-page token");
            assertFalse(text.matches("(?s).*Bearer [A-Za-z0-9_.-]{16,}.*"), file + " holds an Authorization header");
        }
    }

    private static String console = "";

    /** One go-live run against {@code target}, its report in target/go-live-it/{@code name}. */
    private static GoLive.Result goLive(Target target, String name, String typed, String... more) {
        List<String> args = new ArrayList<>(List.of("--local", "--out", OUT.resolve(name).toString()));
        args.addAll(List.of(more));
        Properties properties = new Properties();
        properties.setProperty("project.basedir", BASEDIR.toString());
        GoLiveOptions options = GoLiveOptions.parse(properties, args.toArray(String[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GoLive.Result result;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            result = GoLive.goLive(target, options, variable -> null, new BufferedReader(new StringReader(typed)),
                    print);
        }
        console = out.toString(StandardCharsets.UTF_8);
        System.out.println("[GoLiveIT " + name + "]\n" + console);
        reports.addAll(result.files());
        return result;
    }

    private static void assertFailure(GoLive.Result result, String step, String... words) {
        assertFalse(result.report().failures.isEmpty(), "a failure is reported");
        Report.Failure failure = result.report().failures.get(0);
        assertEquals(step, failure.step(), failure.toString());
        for (String w : words) {
            assertTrue(failure.what().contains(w), failure.what());
        }
        assertTrue(result.files().stream().anyMatch(f -> f.endsWith(ReportWriter.MARKDOWN)), "a report is written");
    }

    private static VippsSimulator simulator() {
        return local.simulator().orElseThrow();
    }

    private static int sessionsCreated() {
        return (int) simulator().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/checkout/v3/session")).count();
    }
}

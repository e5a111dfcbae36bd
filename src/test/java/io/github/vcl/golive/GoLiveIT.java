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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final String CUSTOMER_PHONE = "4791234567";
    private static final List<String> CUSTOMER = List.of("Ola", "Nordmann", "ola.nordmann@example.com",
            CUSTOMER_PHONE, "Robert Levins gate", "0154 Oslo");

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
                default -> Report.Status.PROVEN; // webhooks too: the local run registers at the simulator
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
    void aPersonWithTheAppGetsTheLinkAndAQrCodeAndEachOrderShowsItsProgress() {
        ScheduledExecutorService person = Executors.newSingleThreadScheduledExecutor();
        Pattern asked = Pattern.compile("order (that should end \\w+|the customer rejects) — reference (\\S+)");
        try {
            // the person reads the link a moment later and decides in "the app" (the simulated customer)
            GoLive.Result result = goLive(local, "person", "yes\n", variable -> null, line -> {
                Matcher m = asked.matcher(line);
                if (m.find()) {
                    boolean reject = m.group(1).contains("rejects");
                    person.schedule(() -> {
                        if (reject) {
                            simulator().customer().reject(m.group(2));
                        } else {
                            simulator().customer().approve(m.group(2));
                        }
                    }, 1500, TimeUnit.MILLISECONDS);
                }
            }, "--approver", "person");

            assertEquals(GoLive.PASSED, result.exit(), console);
            assertTrue(console.contains("pay with the Vipps MobilePay app and APPROVE"), console);
            assertTrue(console.contains("REJECT this one"), console);
            assertTrue(console.contains("█") && console.contains("\u001b[30;107m"), "a QR code per order");
            for (Report.OrderEntry o : result.report().orders) {
                assertTrue(console.contains(o.reference + "  Vipps: CREATED        waiting 0:0"), "progress of "
                        + o.reference);
            }
            assertEquals(Report.Status.PROVEN, result.report().row("redirect").status,
                    "the person confirmed the return page");
        } finally {
            person.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void vippsTestApproveEndpointApprovesAndWhatItCannotShowNeedsAPerson() {
        GoLive.Result result = goLive(local, "vipps-test-approver", "",
                variable -> variable.equals("VIPPS_TEST_PHONE") ? CUSTOMER_PHONE : null, line -> { },
                "--approver", "vipps-test");

        assertEquals(GoLive.PASSED, result.exit(), console);
        Report report = result.report();
        assertEquals(4, report.orders.size(), "this approver cannot reject: no fifth order");
        assertEquals(Report.Status.NEEDS_PERSON, report.row("callback-failure").status);
        assertEquals(Report.Status.NEEDS_PERSON, report.row("redirect").status);
        assertEquals(Report.Status.PROVEN, report.row("final-states").status);
        assertTrue(simulator().requests().stream().anyMatch(r -> r.path().startsWith("/epayment/v1/test/payments/")
                && r.path().endsWith("/approve")), "approved through the test approve endpoint");
    }

    @Test
    @Order(4)
    void aWrongStaffKeyIsNamedAndNothingIsCreated() {
        GoLive.Result result = goLive(local.withStaffKey(Secret.of("a-staff-key-nobody-was-ever-given-0123456789")),
                "wrong-staff-key", "");

        assertEquals(GoLive.FAILED, result.exit());
        assertFailure(result, "preflight", "the API refused the staff key", "HTTP 401");
        assertTrue(result.report().orders.stream().allMatch(o -> o.reference == null), "no order was created");
        assertEquals(Report.Status.NOT_RUN, result.report().row("final-states").status);
    }

    @Test
    @Order(5)
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
    @Order(6)
    void vippsRefusingTheMerchantKeysIsNamed() {
        VippsSettings real = local.vipps();
        VippsSettings wrong = VippsSettings.of(real.baseUrl(), real.clientId(), Secret.of("not-the-client-secret"),
                real.subscriptionKey(), real.merchantSerialNumber());

        GoLive.Result result = goLive(local.withVipps(wrong), "wrong-vipps-key", "");

        assertEquals(GoLive.FAILED, result.exit());
        assertFailure(result, "preflight", "Vipps MobilePay refused the merchant keys", "HTTP 401");
    }

    @Test
    @Order(7)
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
    @Order(8)
    void productionIsNotStartedWithoutTheTypedWord() {
        int sessions = sessionsCreated();

        GoLive.Result result = goLive(local, "production-not-confirmed", "yes\n", "--vipps", "production");

        assertEquals(GoLive.NOT_CONFIRMED, result.exit());
        assertTrue(console.contains("Type " + GoLiveRun.CONFIRMATION), console);
        assertEquals(sessions, sessionsCreated(), "no session was created");
        assertTrue(result.files().isEmpty());
    }

    @Test
    @Order(9)
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
    @Order(10)
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
        return goLive(target, name, typed, variable -> null, line -> { }, more);
    }

    /** With an environment and someone reading the console line by line, as a person at the terminal would. */
    private static GoLive.Result goLive(Target target, String name, String typed, UnaryOperator<String> env,
                                        Consumer<String> reader, String... more) {
        List<String> args = new ArrayList<>(List.of("--local", "--out", OUT.resolve(name).toString()));
        args.addAll(List.of(more));
        Properties properties = new Properties();
        properties.setProperty("project.basedir", BASEDIR.toString());
        GoLiveOptions options = GoLiveOptions.parse(properties, args.toArray(String[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            private int lineStart;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                String all = toString(StandardCharsets.UTF_8);
                int end;
                while ((end = all.indexOf('\n', lineStart)) >= 0) {
                    reader.accept(all.substring(lineStart, end));
                    lineStart = end + 1;
                }
            }
        };
        GoLive.Result result;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            result = GoLive.goLive(target, options, env, new BufferedReader(new StringReader(typed)), print);
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

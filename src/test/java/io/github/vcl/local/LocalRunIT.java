package io.github.vcl.local;

import io.github.vcl.local.browser.HeadlessChromium;
import io.github.vcl.local.gateway.Routes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's local run, end to end, after {@code package} (failsafe): starts {@link LocalRun} in the background the
 * way {@code ./mvnw -B -Plocal} does (same main class and options, on the test classpath, against the
 * {@code function.zip} this build just made), buys in the demo shop with headless Chromium, approves on the simulated
 * Vipps MobilePay page, sees "approved" on our return page, uses the staff view's capture and refund, stops the run
 * with SIGTERM (what Ctrl-C's SIGINT also triggers: the launcher's shutdown hook), and checks that no process or port
 * is left, and that even a launcher killed with SIGKILL leaves none. Also checks that no local-only class is in the
 * Lambda artifact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunIT {
    private static final Path BASEDIR = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile(Pattern.quote(LocalRun.READY_LINE)
            + " shop=(\\S+) api=(\\S+)");
    private static final Pattern PORT_LINE = Pattern.compile("(?:Vipps simulator|DynamoDB):\\s+http://127\\.0\\.0\\.1:"
            + "(\\d+)");
    private static final boolean OPERATIONS_DEPLOYED = Routes.ALL.stream()
            .anyMatch(r -> r.function().equals("operations"));

    private static Process launcher;
    private static Thread reader;
    private static final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private static final List<Integer> ports = Collections.synchronizedList(new ArrayList<>());
    private static String shop;
    private static String api;
    private static HeadlessChromium chromium;
    private static String reference;

    /** The command {@code ./mvnw -B -Plocal} runs (pom.xml, profile local), with free ports. */
    private static ProcessBuilder launcherCommand() {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dproject.basedir=" + BASEDIR,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-classpath", System.getProperty("java.class.path"),
                LocalRun.class.getName(), "--shop-port", "0", "--api-port", "0", "--reconcile-every", "30s"))
                .redirectErrorStream(true);
    }

    @BeforeAll
    static void startTheLocalRun() throws Exception {
        assumeTrue(LocalSystem.jvmModeArtifact(BASEDIR), "target/function.zip is not a JVM-mode Lambda artifact "
                + "(native build): the local run needs the JVM one");
        long begin = System.nanoTime();
        launcher = launcherCommand().start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Path log = Files.createDirectories(BASEDIR.resolve("target")).resolve("local-run-it.log");
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    out.println(line);
                    out.flush();
                    Matcher port = PORT_LINE.matcher(line);
                    if (port.find()) {
                        ports.add(Integer.parseInt(port.group(1)));
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(m);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the launcher exited: " + output));
        }, "local-run-output");
        reader.setDaemon(true);
        reader.start();
        Matcher m = ready.get(START.toSeconds(), TimeUnit.SECONDS);
        shop = m.group(1);
        api = m.group(2);
        ports.add(Integer.parseInt(shop.replaceAll(".*:(\\d+)/?$", "$1")));
        ports.add(Integer.parseInt(api.replaceAll(".*:(\\d+)/?$", "$1")));
        System.out.printf("[LocalRunIT] local run ready in %d ms: shop %s, API %s%n",
                (System.nanoTime() - begin) / 1_000_000, shop, api);
    }

    @AfterAll
    static void stopEverything() {
        if (chromium != null) {
            chromium.close();
        }
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void theLambdaArtifactHoldsNoLocalOnlyClass() throws IOException {
        List<Path> artifacts = new ArrayList<>(List.of(BASEDIR.resolve("target/function.zip")));
        try (var jars = Files.newDirectoryStream(BASEDIR.resolve("target"), "*.jar")) {
            jars.forEach(artifacts::add);
        }
        for (Path artifact : artifacts) {
            try (ZipFile zip = new ZipFile(artifact.toFile())) {
                List<String> local = Collections.list(zip.entries()).stream().map(ZipEntry::getName)
                        .filter(n -> n.startsWith("io/github/vcl/local/") || n.contains("vipps-openapi")
                                || n.contains("selenium") || n.contains("runtime-interface-client"))
                        .toList();
                assertEquals(List.of(), local, "local-only content in " + artifact);
            }
        }
    }

    @Test
    @Order(2)
    void aCustomerBuysInTheDemoShopAndApprovesInVipps() {
        HeadlessChromium.assumeAvailable();
        chromium = HeadlessChromium.start();
        ChromeDriver browser = chromium.driver();
        browser.get(shop);
        WebElement mugs = browser.findElement(By.id("qty-mug"));
        mugs.clear();
        mugs.sendKeys("2");
        browser.findElement(By.id("pay")).click();

        // The simulator's Vipps MobilePay page, reached through the checkoutFrontendUrl the initiate function returned
        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.id("approve")).size() == 1);
        assertTrue(browser.getCurrentUrl().contains("/checkout-frontend/"), browser.getCurrentUrl());
        reference = browser.getCurrentUrl().replaceAll(".*/checkout-frontend/([^/?]+).*", "$1");
        browser.findElement(By.id("approve")).click();

        // Back on our return page (status function behind the local API Gateway), which polls until final
        WebElement outcome = new WebDriverWait(browser, WAIT).until(d -> {
            WebElement element = d.findElement(By.id("outcome"));
            return "final".equals(element.getDomAttribute("data-state")) ? element : null;
        });
        assertTrue(browser.getCurrentUrl().startsWith(api + "return/" + reference), browser.getCurrentUrl());
        assertEquals("APPROVED", outcome.getDomAttribute("data-outcome"));
        assertEquals("Payment approved", browser.findElement(By.id("message-en")).getText());
    }

    /** The same purchase paid with Vipps MobilePay alone (the ePayment flow), chosen at the cart. */
    @Test
    @Order(4)
    void aCustomerPaysWithVippsMobilePayAloneAndStaffSeeTheFlow() {
        assumeTrue(chromium != null, "needs the browser of the earlier test");
        ChromeDriver browser = chromium.driver();
        browser.get(shop);
        browser.findElement(By.id("flow-epayment")).click();
        browser.findElement(By.id("pay")).click();

        new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.id("approve")).size() == 1);
        String paid = browser.getCurrentUrl().replaceAll(".*/checkout-frontend/([^/?]+).*", "$1");
        assertFalse(paid.equals(reference), "a new order");
        browser.findElement(By.id("approve")).click();
        WebElement outcome = new WebDriverWait(browser, WAIT).until(d -> {
            WebElement element = d.findElement(By.id("outcome"));
            return "final".equals(element.getDomAttribute("data-state")) ? element : null;
        });
        assertTrue(browser.getCurrentUrl().startsWith(api + "return/" + paid), browser.getCurrentUrl());
        assertEquals("APPROVED", outcome.getDomAttribute("data-outcome"));

        browser.get(shop);
        List<WebElement> staffLinks = browser.findElements(By.linkText("Staff view"));
        staffLinks.get(0).click(); // newest first
        assertEquals(paid, browser.findElement(By.id("reference")).getText());
        assertEquals("Vipps MobilePay (ePayment)", browser.findElement(By.id("flow")).getText());
    }

    @Test
    @Order(3)
    void staffCaptureAndRefundFromTheStaffView() {
        assumeTrue(chromium != null && reference != null, "needs the purchase of the previous test");
        ChromeDriver browser = chromium.driver();
        browser.get(shop);
        browser.findElement(By.linkText("Staff view")).click();
        assertEquals(reference, browser.findElement(By.id("reference")).getText());
        assertEquals("authorized", browser.findElement(By.id("status")).getText());
        assertEquals("607.00 NOK", browser.findElement(By.id("authorized")).getText());

        String captured = press(browser, "capture");
        if (OPERATIONS_DEPLOYED) {
            assertTrue(captured.startsWith("Capture done"), captured);
            assertEquals("607.00 NOK", browser.findElement(By.id("captured")).getText());
            browser.findElement(By.id("refund-amount")).sendKeys("100");
            // Typed like a person who ends with Enter: after typing, headless Chromium's emulated phone does not
            // always turn the next button click into a form submission.
            WebElement refundButton = browser.findElement(By.id("refund"));
            browser.findElement(By.id("refund-reason")).sendKeys("Damaged mug" + org.openqa.selenium.Keys.ENTER);
            awaitLeft(browser, refundButton);
            String refunded = new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("message"))).getText();
            assertTrue(refunded.startsWith("Refund done"), refunded);
            assertEquals("100.00 NOK", browser.findElement(By.id("refunded")).getText());
        } else {
            // Without the operations function the staff view says so plainly, and nothing changed.
            assertEquals("Could not capture. This build of the backend has no POST /orders/{reference}/capture route "
                    + "(the operations function is not part of it yet). Nothing was captured.", captured);
            assertEquals("0.00 NOK", browser.findElement(By.id("captured")).getText());
            String refunded = press(browser, "refund");
            assertTrue(refunded.startsWith("Could not refund. This build of the backend has no POST "
                    + "/orders/{reference}/refund route"), refunded);
        }
    }

    @Test
    @Order(5)
    void stoppingLeavesNoProcessAndNoPort() throws Exception {
        List<ProcessHandle> started = launcher.descendants().toList();
        assertTrue(started.size() >= 1 + LocalRun.functions().size(), "dynalite and one JVM per function: "
                + started.stream().map(p -> p.info().command().orElse("?")).toList());
        // SIGTERM (Ctrl-C's SIGINT runs the same shutdown hook); through the handle, as Process.destroy() would also
        // close our end of the launcher's output before its last lines are read
        launcher.toHandle().destroy();
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher stops");
        for (ProcessHandle child : started) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "left running: " + child.info().commandLine().orElse("?"));
        }
        assertEquals(4, ports.size(), "shop, API, simulator and dynalite ports seen: " + output);
        for (int port : ports) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                fail("port " + port + " is still open after the local run stopped");
            } catch (IOException expected) {
                // closed, as it should be
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(output.stream().anyMatch(l -> l.startsWith("Stopped:")), String.join("\n", output));
    }

    @Test
    @Order(6)
    void aKilledLauncherTakesItsChildrenAlong() throws Exception {
        Path log = BASEDIR.resolve("target/local-run-it-kill.log");
        Process killed = launcherCommand().redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + START.toNanos();
            while (!Files.readString(log).contains(LocalRun.READY_LINE)) {
                assertTrue(killed.isAlive() && System.nanoTime() < deadline, Files.readString(log));
                Thread.sleep(200);
            }
            List<ProcessHandle> children = killed.descendants().toList();
            killed.destroyForcibly(); // kill -9: no shutdown hook runs
            for (ProcessHandle child : children) {
                child.onExit().get(20, TimeUnit.SECONDS);
            }
        } finally {
            killed.descendants().forEach(ProcessHandle::destroyForcibly);
            killed.destroyForcibly();
        }
    }

    /** Presses a staff button and returns the message on the page it leads to. */
    private static String press(ChromeDriver browser, String button) {
        WebElement pressed = browser.findElement(By.id(button));
        pressed.click();
        awaitLeft(browser, pressed);
        return new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("message"))).getText();
    }

    /** Waits until the page {@code element} was on has been replaced by the next one. */
    private static void awaitLeft(ChromeDriver browser, WebElement element) {
        new WebDriverWait(browser, WAIT).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                // Stale; newer Chromium reports a node of the previous page as "does not belong to the document".
                return true;
            }
        });
    }
}

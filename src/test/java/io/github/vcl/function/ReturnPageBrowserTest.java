package io.github.vcl.function;

import io.github.vcl.local.browser.HeadlessChromium;
import io.github.vcl.local.browser.ReturnPageServer;
import io.github.vcl.local.browser.ReturnPageServer.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The return page in real headless Chromium against a scripted status route: what a customer sees for each outcome,
 * polling until a final one, and the error paths. Skipped (with a message) where Chromium is not installed.
 */
class ReturnPageBrowserTest {
    private static final String TOKEN = "Zm9yLXRlc3RzLW9ubHk_-x";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ScriptedStatuses statuses;
    private static ReturnPageServer server;
    private static HeadlessChromium chromium;
    private static ChromeDriver driver;

    @BeforeAll
    static void startServerAndBrowser() {
        HeadlessChromium.assumeAvailable();
        statuses = new ScriptedStatuses();
        server = ReturnPageServer.start(statuses);
        chromium = HeadlessChromium.start();
        driver = chromium.driver();
    }

    @AfterAll
    static void stopBrowserAndServer() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void approvedOrderShowsApprovedInBothLanguages() throws IOException {
        String reference = "ACME-261125-APPROVED-1";
        statuses.script(reference, StatusReply.of(reference, "APPROVED", true, 2));

        open(reference);
        WebElement outcome = awaitEnd();

        assertEquals("final", outcome.getDomAttribute("data-state"));
        assertEquals("APPROVED", outcome.getDomAttribute("data-outcome"));
        assertTexts("Betalingen er godkjent", "Payment approved");
        assertEquals(reference, text("reference"));
        assertEquals("nb", driver.findElement(By.cssSelector("html")).getDomAttribute("lang"));
        assertTrue(driver.findElement(By.id("message-en")).isDisplayed(), "English shown next to Norwegian");
        assertFalse(driver.findElement(By.id("reload")).isDisplayed(), "no manual reload once final");
        assertEquals(1, statuses.calls(reference), "stops polling at a final outcome");
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), errors, "no console errors, e.g. no CSP violation");

        Path screenshot = Path.of(System.getProperty("project.basedir", "."), "target", "return-page-approved.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void cancelledOrderShowsCancelled() {
        String reference = "ACME-261125-CANCELLED-1";
        statuses.script(reference, StatusReply.of(reference, "CANCELLED", true, 2));

        open(reference);

        assertEquals("CANCELLED", awaitEnd().getDomAttribute("data-outcome"));
        assertTexts("Betalingen ble avbrutt", "Payment cancelled");
    }

    @Test
    void expiredOrderShowsExpired() {
        String reference = "ACME-261125-EXPIRED-1";
        statuses.script(reference, StatusReply.of(reference, "EXPIRED", true, 2));

        open(reference);

        assertEquals("EXPIRED", awaitEnd().getDomAttribute("data-outcome"));
        assertTexts("Betalingen utløp", "Payment expired");
    }

    @Test
    void failedOrderShowsThatThePaymentCouldNotStart() {
        String reference = "ACME-261125-FAILED-1";
        statuses.script(reference, StatusReply.of(reference, "FAILED", true, 2));

        open(reference);

        assertEquals("FAILED", awaitEnd().getDomAttribute("data-outcome"));
        assertTexts("Betalingen kunne ikke startes", "The payment could not be started");
    }

    @Test
    void pendingOrderIsPolledUntilApproved() {
        String reference = "ACME-261125-PENDING-1";
        statuses.script(reference,
                StatusReply.of(reference, "PENDING", false, 1),
                StatusReply.of(reference, "PENDING", false, 1),
                StatusReply.of(reference, "APPROVED", true, 1));

        open(reference);
        new WebDriverWait(driver, WAIT).until(d -> statuses.calls(reference) >= 1);
        WebElement outcome = driver.findElement(By.id("outcome"));
        assertNull(outcome.getDomAttribute("data-outcome"), "no outcome while pending");
        assertTexts("Vi sjekker betalingen din …", "Checking your payment …");

        assertEquals("APPROVED", awaitEnd().getDomAttribute("data-outcome"));
        assertTexts("Betalingen er godkjent", "Payment approved");
        assertEquals(3, statuses.calls(reference));
    }

    @Test
    void serverErrorsAreRetriedWithBackOff() {
        String reference = "ACME-261125-FLAKY-1";
        statuses.script(reference,
                StatusReply.error(500),
                StatusReply.error(503).withHeader("Retry-After", "1"),
                StatusReply.of(reference, "APPROVED", true, 2));

        open(reference);

        assertEquals("APPROVED", awaitEnd().getDomAttribute("data-outcome"));
        assertEquals(3, statuses.calls(reference));
    }

    @Test
    void unknownReferenceShowsCouldNotFind() {
        open("ACME-261125-UNKNOWN-1");

        WebElement outcome = awaitEnd();
        assertEquals("not-found", outcome.getDomAttribute("data-state"));
        assertNull(outcome.getDomAttribute("data-outcome"));
        assertTexts("Vi fant ikke denne betalingen", "We could not find this payment");
    }

    @Test
    void wrongTokenShowsCouldNotFindAndStops() {
        String reference = "ACME-261125-TOKEN-1";
        statuses.script(reference, StatusReply.of(reference, "APPROVED", true, 2));

        driver.get(server.returnUrl(reference, "not-the-token").toString());

        assertEquals("not-found", awaitEnd().getDomAttribute("data-state"));
        assertTexts("Vi fant ikke denne betalingen", "We could not find this payment");
        assertEquals(1, statuses.calls(reference));
    }

    @Test
    void givesUpPolitelyWhenThePaymentStaysPending() {
        String reference = "ACME-261125-SLOW-1";
        statuses.script(reference, StatusReply.of(reference, "PENDING", false, 1));
        server.giveUpAfterSeconds(2);
        try {
            open(reference);

            assertEquals("gave-up", awaitEnd().getDomAttribute("data-state"));
            assertTexts("Vi sjekker fortsatt betalingen din", "We're still checking your payment");
            assertTrue(text("detail-en").contains("You'll get a confirmation"));
            assertTrue(driver.findElement(By.id("reload")).isDisplayed(), "offers to check again");
        } finally {
            server.giveUpAfterSeconds(120);
        }
    }

    @Test
    void withoutJavaScriptShowsCheckingAndReloadsItself() {
        String reference = "ACME-261125-NOJS-1";
        statuses.script(reference, StatusReply.of(reference, "APPROVED", true, 2));

        try (HeadlessChromium noScript = HeadlessChromium.start(false)) {
            WebDriver browser = noScript.driver();
            browser.get(server.returnUrl(reference, TOKEN).toString());

            assertEquals("Vi sjekker betalingen din …", browser.findElement(By.id("message-nb")).getText());
            assertEquals("Checking your payment …", browser.findElement(By.id("message-en")).getText());
            assertTrue(browser.findElement(By.id("reload")).isDisplayed(), "a link to check again");
            assertEquals("10", browser.findElement(By.cssSelector("meta[http-equiv=refresh]"))
                    .getDomAttribute("content"));
            assertTrue(browser.getPageSource().contains("Siden oppdateres av seg selv"));
            assertEquals(0, statuses.calls(reference), "nothing polls without JavaScript");
        }
    }

    private static void open(String reference) {
        driver.manage().logs().get(LogType.BROWSER); // drains what earlier tests left in the console buffer
        driver.get(server.returnUrl(reference, TOKEN).toString());
    }

    /** Waits (event-driven polling of the DOM, no fixed sleep) until the page stops checking. */
    private static WebElement awaitEnd() {
        WebElement outcome = driver.findElement(By.id("outcome"));
        new WebDriverWait(driver, WAIT).until(d -> !"checking".equals(outcome.getDomAttribute("data-state")));
        return outcome;
    }

    private static void assertTexts(String norwegian, String english) {
        assertEquals(norwegian, text("message-nb"));
        assertEquals(english, text("message-en"));
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Per reference: the token it accepts and the replies in order, the last one repeating. */
    private static final class ScriptedStatuses implements ReturnPageServer.StatusSource {
        private record Script(Deque<StatusReply> replies, AtomicInteger calls) {
        }

        private final Map<String, Script> scripts = new ConcurrentHashMap<>();

        void script(String reference, StatusReply... replies) {
            scripts.put(reference, new Script(new ArrayDeque<>(List.of(replies)), new AtomicInteger()));
        }

        int calls(String reference) {
            Script script = scripts.get(reference);
            return script == null ? 0 : script.calls().get();
        }

        @Override
        public StatusReply status(String reference, String token) {
            Script script = scripts.get(reference);
            if (script == null) {
                return StatusReply.error(404);
            }
            script.calls().incrementAndGet();
            if (!TOKEN.equals(token)) {
                return StatusReply.error(401);
            }
            synchronized (script) {
                return script.replies().size() > 1 ? script.replies().poll() : script.replies().peek();
            }
        }
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.browser.HeadlessChromium;
import io.github.vcl.order.Reference;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status function: the shop's status route, the token-guarded route the return page polls, and the return page
 * itself in real headless Chromium after the customer acts on the simulator's Vipps page.
 */
@QuarkusTest
@TestProfile(FunctionProfile.Status.class)
class StatusFunctionTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HeadlessChromium chromium;

    @Inject
    CheckoutService checkout;

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private CheckoutService.Started start() {
        return checkout.initiate(Carts.request(Carts.newShopOrderId()));
    }

    @ParameterizedTest(name = "customer clicks {0} -> {1}")
    @CsvSource({"approve, APPROVED, Betalingen er godkjent, Payment approved",
            "reject, CANCELLED, Betalingen ble avbrutt, Payment cancelled",
            "close, EXPIRED, Betalingen utløp, Payment expired"})
    void theReturnPageShowsTheOutcome(String button, String outcome, String norwegian, String english) {
        HeadlessChromium.assumeAvailable();
        if (chromium == null) {
            chromium = HeadlessChromium.start();
        }
        ChromeDriver browser = chromium.driver();
        CheckoutService.Started started = start();
        browser.get(started.redirectUrl());
        browser.findElement(By.id(button)).click();

        WebElement shown = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            WebElement element = d.findElement(By.id("outcome"));
            return "final".equals(element.getDomAttribute("data-state")) ? element : null;
        });
        assertTrue(browser.getCurrentUrl().startsWith(world().gateway().baseUrl() + "return/" + started.reference()),
                browser.getCurrentUrl());
        assertEquals(outcome, shown.getDomAttribute("data-outcome"));
        assertEquals(norwegian, browser.findElement(By.id("message-nb")).getText());
        assertEquals(english, browser.findElement(By.id("message-en")).getText());
        assertTrue(browser.manage().getCookies().isEmpty(), "no cookies");
    }

    @Test
    void theShopSeesTheFullStatus() throws Exception {
        Reference reference = start().reference();
        world().simulator().customer().approve(reference.value());
        HttpResponse<String> response = Api.get("/checkout/sessions/" + reference, Api.shopAuth());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("APPROVED", status.get("outcome").asText());
        assertEquals("AUTHORIZED", status.get("status").asText());
        assertEquals("authorized", status.get("statusText").asText());
        assertEquals(50000, status.at("/amounts/authorized").asLong());
    }

    @Test
    void theReturnStatusAnswersTheOutcomeOnlyAndOnlyWithTheToken() throws Exception {
        CheckoutService.Started started = start();
        String returnUrl = world().simulator().requests().stream()
                .filter(r -> r.path().equals("/checkout/v3/session") && r.bodyText().contains(started.reference().value()))
                .map(r -> {
                    try {
                        return JSON.readTree(r.bodyText()).at("/merchantInfo/returnUrl").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow();
        String token = URI.create(returnUrl).getQuery().substring(2);
        String path = "/return/" + started.reference() + "/status?t=";

        HttpResponse<String> ok = Api.get(path + token, Map.of());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode body = JSON.readTree(ok.body());
        assertEquals("PENDING", body.get("outcome").asText());
        assertEquals(false, body.get("final").asBoolean());
        assertEquals(4, body.size(), "outcome only: " + body);

        var before = world().tableSnapshot();
        assertEquals(404, Api.get(path + token + "x", Map.of()).statusCode());
        assertEquals(404, Api.get(path, Map.of()).statusCode());
        assertEquals(404, Api.get("/return/test-000000-NOPE-1/status?t=" + token, Map.of()).statusCode());
        assertEquals(401, Api.get("/checkout/sessions/" + started.reference(), Map.of()).statusCode());
        assertEquals(404, Api.get("/checkout/sessions/test-000000-NOPE-1", Api.shopAuth()).statusCode());
        assertEquals(before, world().tableSnapshot());
    }
}

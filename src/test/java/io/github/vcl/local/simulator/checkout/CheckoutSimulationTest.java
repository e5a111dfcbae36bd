package io.github.vcl.local.simulator.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.AdjustableClock;
import io.github.vcl.local.simulator.SimulatorClient;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckoutSimulationTest {

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final VippsSimulator sim = VippsSimulator.start(SimulatorOptions.defaults().withClock(clock));
    private final SimulatorClient client = new SimulatorClient(sim);
    private final String reference = SimulatorClient.reference();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createsASessionWhosePaymentExistsInEPayment() {
        JsonNode created = SimulatorClient.json(createSession());

        assertTrue(created.get("token").asText().length() > 20);
        assertEquals(sim.baseUrl() + "/checkout-frontend/" + reference, created.get("checkoutFrontendUrl").asText());
        assertEquals(sim.baseUrl() + "/checkout/v3/session/" + reference, created.get("pollingUrl").asText());
        JsonNode session = getSession();
        assertEquals("SessionCreated", session.get("sessionState").asText());
        assertEquals("CREATED", session.at("/paymentDetails/state").asText());
        assertEquals(1000, session.at("/paymentDetails/amount/value").asLong());
        assertEquals("CREATED", SimulatorClient.json(client.bearer("GET", "/epayment/v1/payments/" + reference,
                null)).get("state").asText());
        assertEquals(List.of(), sim.violations());
    }

    /** A customer who started paying keeps Vipps' payment window even past the session's hour. */
    @Test
    void aPaymentStartedInTheSessionOutlivesItAndCanStillBeApproved() {
        createSession();
        sim.customer().open(reference);
        clock.advance(Duration.ofMinutes(59));
        sim.customer().open(reference);
        clock.advance(Duration.ofMinutes(2));

        JsonNode session = getSession();
        assertEquals("SessionExpired", session.get("sessionState").asText());
        assertEquals("CREATED", session.at("/paymentDetails/state").asText());
        sim.customer().approve(reference);
        assertEquals("PaymentSuccessful", getSession().get("sessionState").asText());

        clock.advance(Duration.ofMinutes(20));
        assertEquals("PaymentSuccessful", getSession().get("sessionState").asText(), "a paid session stays readable");
    }

    @Test
    void aDuplicateReferenceIsAConflict() {
        createSession();

        assertEquals(409, createSession().statusCode());
    }

    @Test
    void approvalAuthorizesThePaymentAndAddsCustomerDetails() {
        createSession();

        sim.customer().approve(reference);

        JsonNode session = getSession();
        assertEquals("PaymentSuccessful", session.get("sessionState").asText());
        assertEquals("AUTHORIZED", session.at("/paymentDetails/state").asText());
        assertEquals(1000, session.at("/paymentDetails/aggregate/authorizedAmount/value").asLong());
        assertEquals("posten-1", session.at("/shippingDetails/shippingMethodId").asText());
        assertFalse(session.at("/billingDetails/email").asText().isEmpty());
        assertEquals("AUTHORIZED", paymentState());
    }

    @Test
    void rejectionTerminatesTheSession() {
        createSession();

        sim.customer().reject(reference);

        JsonNode session = getSession();
        assertEquals("PaymentTerminated", session.get("sessionState").asText());
        assertEquals("TERMINATED", session.at("/paymentDetails/state").asText());
        assertEquals("ABORTED", paymentState());
    }

    @Test
    void anAbandonedSessionExpiresAndIsGoneAfterItsTtl() {
        createSession();

        sim.customer().abandon(reference);

        assertEquals("SessionExpired", getSession().get("sessionState").asText());
        assertEquals("EXPIRED", paymentState());
        clock.advance(Duration.ofHours(1));
        assertSessionNotFound();
    }

    @Test
    void aSessionNobodyFinishesExpiresAfterOneHour() {
        createSession();

        clock.advance(Duration.ofMinutes(59));
        assertEquals("SessionCreated", getSession().get("sessionState").asText());
        clock.advance(Duration.ofMinutes(1));

        assertSessionNotFound();
        assertEquals("EXPIRED", paymentState());
    }

    @Test
    void theSessionTtlIsConfigurable() {
        AdjustableClock shortClock = AdjustableClock.startingNow();
        try (VippsSimulator shortLived = VippsSimulator.start(SimulatorOptions.defaults().withClock(shortClock)
                .withSessionTtl(Duration.ofMinutes(5)))) {
            SimulatorClient shortClient = new SimulatorClient(shortLived);
            shortClient.checkout("POST", "/checkout/v3/session",
                    SimulatorClient.sessionRequest(reference, "https://shop.example/callback"));

            shortClock.advance(Duration.ofMinutes(5));

            assertEquals(404, shortClient.checkout("GET", "/checkout/v3/session/" + reference, null).statusCode());
        }
    }

    @Test
    void anUnknownSessionIsNotFound() {
        assertSessionNotFound();
    }

    @Test
    void theFrontendPageApprovesAndRedirectsToTheReturnUrl() {
        createSession();

        HttpResponse<String> page = client.send("GET", "/checkout-frontend/" + reference, null, Map.of());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("#FF5B24"));
        assertEquals("PaymentInitiated", getSession().get("sessionState").asText());

        HttpResponse<String> approve = client.send("POST", "/checkout-frontend/" + reference + "/approve", "",
                Map.of());
        assertEquals(303, approve.statusCode());
        assertEquals("https://shop.example/return/" + reference, approve.headers().firstValue("Location").get());
        assertEquals("PaymentSuccessful", getSession().get("sessionState").asText());
    }

    @Test
    void aMalformedBodyIsA400AndAViolation() {
        String withoutType = SimulatorClient.sessionRequest(reference, "https://shop.example/callback")
                .replace("\"type\": \"PAYMENT\",", "");

        HttpResponse<String> response = client.checkout("POST", "/checkout/v3/session", withoutType);

        assertEquals(400, response.statusCode());
        assertEquals("Validation-00001", SimulatorClient.json(response).get("errorCode").asText());
        assertTrue(response.body().contains("type"), response.body());
        assertEquals(1, sim.violations().size());
    }

    @Test
    void theDeprecatedTaxPercentageAloneIsNotEnough() {
        String oldStyle = SimulatorClient.sessionRequest(reference, "https://shop.example/callback")
                .replace("\"taxRate\": 2500", "\"taxPercentage\": 25");

        assertEquals(400, client.checkout("POST", "/checkout/v3/session", oldStyle).statusCode());
    }

    @Test
    void aMissingVippsSystemHeaderIsA400AndAViolation() {
        Map<String, String> headers = client.standardHeaders();
        headers.remove("Vipps-System-Plugin-Version");
        headers.put("client_id", sim.credentials().clientId());
        headers.put("client_secret", sim.credentials().clientSecret());

        HttpResponse<String> response = client.send("POST", "/checkout/v3/session",
                SimulatorClient.sessionRequest(reference, "https://shop.example/callback"), headers);

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Vipps-System-Plugin-Version"), response.body());
        assertEquals("header.Vipps-System-Plugin-Version: missing", sim.violations().get(0).message());
    }

    @Test
    void wrongClientCredentialsAreUnauthorized() {
        Map<String, String> headers = client.standardHeaders();
        headers.put("client_id", sim.credentials().clientId());
        headers.put("client_secret", "wrong");

        assertEquals(401, client.send("POST", "/checkout/v3/session",
                SimulatorClient.sessionRequest(reference, "https://shop.example/callback"), headers).statusCode());
    }

    @Test
    void theOrderSummaryBecomesTheReceipt() {
        createSession();

        JsonNode order = SimulatorClient.json(client.bearer("GET", "/order-management/v2/ecom/" + reference, null));

        assertEquals("Socks", order.at("/receipt/orderLines/0/name").asText());
        assertEquals(409, client.bearer("POST", "/order-management/v2/ecom/receipts/" + reference,
                SimulatorClient.receipt()).statusCode());
    }

    private HttpResponse<String> createSession() {
        return client.checkout("POST", "/checkout/v3/session",
                SimulatorClient.sessionRequest(reference, "https://shop.example/callback"));
    }

    private JsonNode getSession() {
        HttpResponse<String> response = client.checkout("GET", "/checkout/v3/session/" + reference, null);
        assertEquals(200, response.statusCode(), response.body());
        return SimulatorClient.json(response);
    }

    private String paymentState() {
        return SimulatorClient.json(client.bearer("GET", "/epayment/v1/payments/" + reference, null))
                .get("state").asText();
    }

    private void assertSessionNotFound() {
        HttpResponse<String> response = client.checkout("GET", "/checkout/v3/session/" + reference, null);
        assertEquals(404, response.statusCode());
        assertEquals("Session-00100", SimulatorClient.json(response).get("errorCode").asText());
    }
}

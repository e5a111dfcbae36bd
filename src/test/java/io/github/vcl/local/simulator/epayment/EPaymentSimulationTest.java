package io.github.vcl.local.simulator.epayment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.AdjustableClock;
import io.github.vcl.local.simulator.SimulatorClient;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EPaymentSimulationTest {

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final VippsSimulator sim = VippsSimulator.start(SimulatorOptions.defaults().withClock(clock)
            .withRateLimits(100, 120));
    private final SimulatorClient client = new SimulatorClient(sim);
    private final String reference = SimulatorClient.reference();
    private final String payments = "/epayment/v1/payments/" + reference;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void createsAPaymentThatWaitsForTheCustomer() {
        HttpResponse<String> created = create();

        assertEquals(201, created.statusCode());
        assertEquals(sim.baseUrl() + "/checkout-frontend/" + reference,
                SimulatorClient.json(created).get("redirectUrl").asText());
        JsonNode payment = get();
        assertEquals("CREATED", payment.get("state").asText());
        assertEquals(0, payment.at("/aggregate/authorizedAmount/value").asLong());
        assertEquals(List.of(), sim.violations());
    }

    @Test
    void forceApproveAuthorizes() {
        create();

        HttpResponse<String> approved = client.bearer("POST", "/epayment/v1/test/payments/" + reference
                + "/approve", "{\"customer\": {\"phoneNumber\": \"4791234567\"}}");

        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("AUTHORIZED", get().get("state").asText());
        assertEquals(List.of(), sim.violations());
    }

    @Test
    void partialCapturesUpToTheAuthorizedAmount() {
        authorized();

        assertEquals(200, client.modify(payments + "/capture", SimulatorClient.amount(400)).statusCode());
        HttpResponse<String> second = client.modify(payments + "/capture", SimulatorClient.amount(600));
        assertEquals(200, second.statusCode());
        assertEquals(1000, SimulatorClient.json(second).at("/aggregate/capturedAmount/value").asLong());
        assertEquals("AUTHORIZED", SimulatorClient.json(second).get("state").asText());

        assertErrorCode("6090", client.modify(payments + "/capture", SimulatorClient.amount(1)));
    }

    @Test
    void captureBeyondTheAuthorizedAmountIs6090() {
        authorized();

        assertErrorCode("6090", client.modify(payments + "/capture", SimulatorClient.amount(1001)));
    }

    @Test
    void captureBeforeApprovalIs6080() {
        create();

        assertErrorCode("6080", client.modify(payments + "/capture", SimulatorClient.amount(100)));
    }

    @Test
    void refundsUpToTheCapturedAmount() {
        authorized();
        client.modify(payments + "/capture", SimulatorClient.amount(700));

        HttpResponse<String> refund = client.modify(payments + "/refund", SimulatorClient.amount(500));
        assertEquals(200, refund.statusCode());
        assertEquals(500, SimulatorClient.json(refund).at("/aggregate/refundedAmount/value").asLong());

        assertErrorCode("6150", client.modify(payments + "/refund", SimulatorClient.amount(201)));
    }

    @Test
    void cancelAfterAPartialCaptureReleasesTheRest() {
        authorized();
        client.modify(payments + "/capture", SimulatorClient.amount(250));

        HttpResponse<String> cancel = client.modify(payments + "/cancel", "{\"cancelTransactionOnly\": false}");

        assertEquals(200, cancel.statusCode());
        JsonNode payment = SimulatorClient.json(cancel);
        assertEquals("AUTHORIZED", payment.get("state").asText());
        assertEquals(750, payment.at("/aggregate/cancelledAmount/value").asLong());
    }

    @Test
    void cancelAfterAFullCaptureIs6040() {
        authorized();
        client.modify(payments + "/capture", SimulatorClient.amount(1000));

        assertErrorCode("6040", client.modify(payments + "/cancel", "{}"));
    }

    @Test
    void cancelTransactionOnlyOfAnAuthorizedPaymentIs6060() {
        authorized();

        assertErrorCode("6060", client.modify(payments + "/cancel", "{\"cancelTransactionOnly\": true}"));
    }

    @Test
    void cancelBeforeApprovalTerminates() {
        create();

        HttpResponse<String> cancel = client.modify(payments + "/cancel", "{\"cancelTransactionOnly\": true}");

        assertEquals(200, cancel.statusCode());
        assertEquals("TERMINATED", get().get("state").asText());
    }

    @Test
    void theEventLogListsEveryStep() {
        authorized();
        client.modify(payments + "/capture", SimulatorClient.amount(1000), "capture-1");

        JsonNode events = SimulatorClient.json(client.bearer("GET", payments + "/events", null));

        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.get("name").asText()));
        assertEquals(List.of("CREATED", "AUTHORIZED", "CAPTURED"), names);
        assertEquals("capture-1", events.get(2).get("idempotencyKey").asText());
    }

    @Test
    void aPaymentNobodyApprovesExpiresAfterTenMinutes() {
        create();

        clock.advance(Duration.ofMinutes(10));

        assertEquals("EXPIRED", get().get("state").asText());
    }

    @Test
    void anExpiredPaymentCannotBeApprovedAnyMore() {
        create();
        clock.advance(Duration.ofMinutes(10));

        assertThrows(IllegalStateException.class, () -> sim.customer().approve(reference));
    }

    @Test
    void thePaymentExpiryIsConfigurable() {
        AdjustableClock otherClock = AdjustableClock.startingNow();
        try (VippsSimulator patient = VippsSimulator.start(SimulatorOptions.defaults().withClock(otherClock)
                .withPaymentExpiry(Duration.ofMinutes(30)))) {
            SimulatorClient patientClient = new SimulatorClient(patient);
            patientClient.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));

            otherClock.advance(Duration.ofMinutes(29));
            assertEquals("CREATED", SimulatorClient.json(patientClient.bearer("GET", payments, null))
                    .get("state").asText());
            otherClock.advance(Duration.ofMinutes(1));
            assertEquals("EXPIRED", SimulatorClient.json(patientClient.bearer("GET", payments, null))
                    .get("state").asText());
        }
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheOriginalAnswer() {
        authorized();

        HttpResponse<String> first = client.modify(payments + "/capture", SimulatorClient.amount(300), "cap-1");
        HttpResponse<String> retry = client.modify(payments + "/capture", SimulatorClient.amount(300), "cap-1");

        assertEquals(200, retry.statusCode());
        assertEquals(first.body(), retry.body());
        assertEquals(300, get().at("/aggregate/capturedAmount/value").asLong());
    }

    @Test
    void theSameKeyWithADifferentBodyIsAConflict() {
        authorized();
        client.modify(payments + "/capture", SimulatorClient.amount(300), "cap-1");

        HttpResponse<String> conflict = client.modify(payments + "/capture", SimulatorClient.amount(400), "cap-1");

        assertEquals(409, conflict.statusCode());
        assertEquals("4010", SimulatorClient.json(conflict).at("/extraDetails/0/reason").asText());
    }

    @Test
    void aModificationWithoutIdempotencyKeyIsA400() {
        authorized();

        HttpResponse<String> response = client.bearer("POST", payments + "/capture", SimulatorClient.amount(300));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Idempotency-Key"), response.body());
        assertEquals(1, sim.violations().size());
    }

    @Test
    void aDuplicateReferenceIs4150() {
        create();

        HttpResponse<String> again = create();

        assertEquals(409, again.statusCode());
        assertEquals("4150", SimulatorClient.json(again).at("/extraDetails/0/reason").asText());
    }

    @Test
    void anUnknownReferenceIsNotFound() {
        assertEquals(404, client.bearer("GET", payments, null).statusCode());
    }

    @Test
    void aWrongMerchantSerialNumberIsAViolation() {
        create();
        Map<String, String> headers = client.bearerHeaders();
        headers.put("Merchant-Serial-Number", "999999");

        assertEquals(400, client.send("GET", payments, null, headers).statusCode());
        assertEquals("header.Merchant-Serial-Number: does not match the simulated sales unit",
                sim.violations().get(0).message());
    }

    @Test
    void anIdempotencyKeyLongerThan50IsAViolation() {
        authorized();

        HttpResponse<String> response = client.modify(payments + "/capture", SimulatorClient.amount(1),
                "k".repeat(51));

        assertEquals(400, response.statusCode());
    }

    private HttpResponse<String> create() {
        return client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
    }

    private void authorized() {
        create();
        sim.customer().approve(reference);
    }

    private JsonNode get() {
        HttpResponse<String> response = client.bearer("GET", payments, null);
        assertEquals(200, response.statusCode(), response.body());
        return SimulatorClient.json(response);
    }

    static void assertErrorCode(String code, HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = SimulatorClient.json(response);
        assertEquals("ErrorCode", problem.at("/extraDetails/0/name").asText());
        assertEquals(code, problem.at("/extraDetails/0/reason").asText());
        assertTrue(problem.hasNonNull("traceId"));
    }
}

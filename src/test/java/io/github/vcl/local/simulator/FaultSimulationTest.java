package io.github.vcl.local.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultSimulationTest {

    private final VippsSimulator sim = VippsSimulator.start();
    private final SimulatorClient client = new SimulatorClient(sim);
    private final String reference = SimulatorClient.reference();
    private final String payment = "/epayment/v1/payments/" + reference;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void plannedErrorsAnswerTheGivenNumberOfTimes() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.customer().approve(reference);
        sim.faults().on(Operation.CAPTURE).forReference(reference).respond(503).times(2);

        assertEquals(503, client.modify(payment + "/capture", SimulatorClient.amount(100)).statusCode());
        assertEquals(503, client.modify(payment + "/capture", SimulatorClient.amount(100)).statusCode());
        assertEquals(200, client.modify(payment + "/capture", SimulatorClient.amount(100)).statusCode());
    }

    @Test
    void aPlanned429CarriesRetryAfter() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.faults().on(Operation.GET_PAYMENT).respond(429).retryAfter(Duration.ofSeconds(7)).times(1);

        HttpResponse<String> limited = client.bearer("GET", payment, null);

        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, client.bearer("GET", payment, null).statusCode());
    }

    @Test
    void faultsForOtherReferencesDoNotApply() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.faults().on(Operation.GET_PAYMENT).forReference("some-other-ref").respond(500);

        assertEquals(200, client.bearer("GET", payment, null).statusCode());
    }

    @Test
    void clearedFaultsNoLongerApply() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.faults().on(Operation.GET_PAYMENT).respond(502);
        assertEquals(502, client.bearer("GET", payment, null).statusCode());

        sim.faults().clear();

        assertEquals(200, client.bearer("GET", payment, null).statusCode());
    }

    @Test
    void aDelayedCaptureIsProcessedAndItsRetryReplaysTheAnswer() throws Exception {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.customer().approve(reference);
        sim.faults().on(Operation.CAPTURE).delay(Duration.ofMillis(800)).times(1);
        HttpClient impatient = HttpClient.newHttpClient();
        HttpRequest.Builder capture = HttpRequest.newBuilder(URI.create(sim.baseUrl() + payment + "/capture"))
                .timeout(Duration.ofMillis(200))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "capture-" + reference)
                .POST(HttpRequest.BodyPublishers.ofString(SimulatorClient.amount(400)));
        client.bearerHeaders().forEach(capture::header);

        assertThrows(HttpTimeoutException.class,
                () -> impatient.send(capture.build(), HttpResponse.BodyHandlers.ofString()));

        Thread.sleep(800);
        HttpResponse<String> retry = client.modify(payment + "/capture", SimulatorClient.amount(400),
                "capture-" + reference);
        assertEquals(200, retry.statusCode());
        assertEquals(400, SimulatorClient.json(retry).at("/aggregate/capturedAmount/value").asLong());
    }

    @Test
    void everyRequestIsRecorded() {
        client.accessToken();

        RecordedRequest request = sim.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/accesstoken/get", request.path());
        assertEquals(sim.credentials().clientId(), request.header("CLIENT_ID"));
    }
}

package io.github.vcl.local.simulator.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.SimulatorClient;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.local.simulator.webhooks.WebhookRegistration;
import io.github.vcl.vipps.webhook.WebhookSignature;
import io.github.vcl.vipps.webhook.WebhookSignatureException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checkout callbacks and webhooks reaching a merchant endpoint, with and without planned faults. */
class DeliverySimulationTest {

    private final VippsSimulator sim = VippsSimulator.start(SimulatorOptions.defaults()
            .withDeliveryRetries(3, Duration.ofMillis(20), Duration.ofSeconds(1)));
    private final SimulatorClient client = new SimulatorClient(sim);
    private final CallbackReceiver receiver = new CallbackReceiver();
    private final String reference = SimulatorClient.reference();

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void approvalCallsBackWithTheRawAuthorizationToken() {
        createSession();

        sim.customer().approve(reference);

        RecordedRequest callback = receiver.awaitReceived(1).get(0);
        assertEquals("/callback?order=" + reference, callback.pathAndQuery());
        assertEquals("cb-token-" + reference, callback.header("Authorization"));
        JsonNode body = Json.parse(callback.body()).orElseThrow();
        assertEquals("PaymentSuccessful", body.get("sessionState").asText());
        assertEquals("AUTHORIZED", body.at("/paymentDetails/state").asText());
        assertEquals(sim.credentials().merchantSerialNumber(), body.get("merchantSerialNumber").asText());
    }

    @Test
    void rejectionCallsBackToo() {
        createSession();

        sim.customer().reject(reference);

        JsonNode body = Json.parse(receiver.awaitReceived(1).get(0).body()).orElseThrow();
        assertEquals("PaymentTerminated", body.get("sessionState").asText());
    }

    @Test
    void aFailedCallbackIsRetried() {
        receiver.answer(500);
        createSession();

        sim.customer().approve(reference);

        assertEquals(2, receiver.awaitReceived(2).size());
        List<Delivery> attempts = awaitDeliveries(Delivery.Channel.CHECKOUT_CALLBACK, 2);
        assertEquals(500, attempts.get(0).status());
        assertTrue(attempts.get(1).succeeded());
        assertEquals(2, attempts.get(1).attempt());
    }

    @Test
    void aCallbackIsGivenUpAfterThreeRetries() {
        receiver.answer(500, 500, 500, 500, 500);
        createSession();

        sim.customer().approve(reference);

        assertEquals(4, awaitDeliveries(Delivery.Channel.CHECKOUT_CALLBACK, 4).size());
        pause();
        assertEquals(4, receiver.received().size());
    }

    @Test
    void anAbandonedSessionSendsNoCallback() {
        createSession();

        sim.customer().abandon(reference);

        pause();
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void aDroppedCallbackNeverArrives() {
        sim.faults().callbacks().dropNext(1);
        createSession();

        sim.customer().approve(reference);

        pause();
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void aDuplicatedCallbackArrivesTwice() {
        sim.faults().callbacks().duplicateNext(1);
        createSession();

        sim.customer().approve(reference);

        List<RecordedRequest> received = receiver.awaitReceived(2);
        assertEquals(received.get(0).bodyText(), received.get(1).bodyText());
    }

    @Test
    void reorderedCallbacksArriveNewestFirst() {
        String second = SimulatorClient.reference();
        sim.faults().callbacks().reorderNext(2);
        createSession();
        createSession(second);

        sim.customer().approve(reference);
        sim.customer().reject(second);

        List<RecordedRequest> received = receiver.awaitReceived(2);
        assertEquals("/callback?order=" + second, received.get(0).pathAndQuery());
        assertEquals("/callback?order=" + reference, received.get(1).pathAndQuery());
    }

    @Test
    void webhookDeliveriesAreSignedWithTheRegistrationSecret() throws WebhookSignatureException {
        URI hook = receiver.url("/hooks/vipps?x=1");
        JsonNode registration = SimulatorClient.json(client.bearer("POST", "/webhooks/v1/webhooks",
                "{\"url\": \"" + hook + "\", \"events\": [\"epayments.payment.authorized.v1\","
                        + " \"epayments.payment.captured.v1\"]}"));
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));

        sim.customer().approve(reference);
        client.modify("/epayment/v1/payments/" + reference + "/capture", SimulatorClient.amount(1000));

        List<RecordedRequest> received = receiver.awaitReceived(2);
        RecordedRequest authorized = received.get(0);
        WebhookSignature.verify(registration.get("secret").asText(), hook, authorized.body(),
                authorized.header("x-ms-date"), authorized.header("x-ms-content-sha256"),
                authorized.header("Authorization"), Instant.now());
        JsonNode event = Json.parse(authorized.body()).orElseThrow();
        assertEquals("AUTHORIZED", event.get("name").asText());
        assertEquals(sim.credentials().merchantSerialNumber(), event.get("msn").asText());
        assertEquals("CAPTURED", Json.parse(received.get(1).body()).orElseThrow().get("name").asText());
        assertThrows(WebhookSignatureException.class, () -> WebhookSignature.verify("another-secret", hook,
                authorized.body(), authorized.header("x-ms-date"), authorized.header("x-ms-content-sha256"),
                authorized.header("Authorization"), Instant.now()));
        assertEquals(List.of(), sim.violations());
    }

    @Test
    void aWebhookRegisteredByTheTestReceivesCancellations() throws WebhookSignatureException {
        URI hook = receiver.url("/vipps/webhook");
        WebhookRegistration registration = sim.registerWebhook(hook, "epayments.payment.terminated.v1");
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));

        client.modify("/epayment/v1/payments/" + reference + "/cancel", "{}");

        RecordedRequest terminated = receiver.awaitReceived(1).get(0);
        WebhookSignature.verify(registration.secret(), hook, terminated.body(), terminated.header("x-ms-date"),
                terminated.header("x-ms-content-sha256"), terminated.header("Authorization"), Instant.now());
        assertEquals("TERMINATED", Json.parse(terminated.body()).orElseThrow().get("name").asText());
        assertEquals(Delivery.Channel.WEBHOOK, awaitDeliveries(Delivery.Channel.WEBHOOK, 1).get(0).channel());
        assertEquals(1, sim.deliveries().size());
    }

    @Test
    void webhooksCanBeListedAndDeleted() {
        JsonNode registration = SimulatorClient.json(client.bearer("POST", "/webhooks/v1/webhooks",
                "{\"url\": \"" + receiver.url("/hook") + "\", \"events\": [\"epayments.payment.created.v1\"]}"));
        String id = registration.get("id").asText();

        JsonNode list = SimulatorClient.json(client.bearer("GET", "/webhooks/v1/webhooks", null));
        assertEquals(id, list.at("/webhooks/0/id").asText());
        assertEquals(204, client.bearer("DELETE", "/webhooks/v1/webhooks/" + id, null).statusCode());
        assertEquals(404, client.bearer("DELETE", "/webhooks/v1/webhooks/" + id, null).statusCode());

        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        pause();
        assertEquals(List.of(), receiver.received());
    }

    private void createSession() {
        createSession(reference);
    }

    private void createSession(String sessionReference) {
        assertEquals(200, client.checkout("POST", "/checkout/v3/session", SimulatorClient.sessionRequest(
                sessionReference, receiver.url("/callback?order=" + sessionReference).toString())).statusCode());
    }

    private List<Delivery> awaitDeliveries(Delivery.Channel channel, int count) {
        for (int i = 0; i < 500 && sim.deliveries(channel).size() < count; i++) {
            pause(10);
        }
        List<Delivery> deliveries = sim.deliveries(channel);
        assertTrue(deliveries.size() >= count, "deliveries: " + deliveries);
        return deliveries;
    }

    /** Long enough for a delivery that was going to happen to have happened. */
    private static void pause() {
        pause(300);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

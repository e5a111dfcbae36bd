package io.github.vcl.local.simulator;

import io.github.vcl.local.simulator.delivery.CallbackReceiver;
import io.github.vcl.local.simulator.epayment.PaymentEvent;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;
import io.github.vcl.local.simulator.epayment.Portal;
import io.github.vcl.local.simulator.epayment.SimulatedPayment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the chaos suite relies on in the simulator: faults chosen per request, a hook between applying a change and
 * answering, late and held-back callbacks, the portal with the ePayment rules and ledger, and the ledger itself.
 */
class ChaosFaultsSimulationTest {

    private final VippsSimulator sim = VippsSimulator.start(SimulatorOptions.defaults()
            .withDeliveryRetries(0, Duration.ofMillis(20), Duration.ofSeconds(1)).withDeliveryLanes(4));
    private final SimulatorClient client = new SimulatorClient(sim);
    private final CallbackReceiver receiver = new CallbackReceiver();
    private final String reference = SimulatorClient.reference();
    private final String payment = "/epayment/v1/payments/" + reference;

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    @Test
    void aChooserDecidesPerRequestAndIsCounted() {
        authorized();
        sim.faults().chooser((operation, ref, request) -> operation == Operation.GET_PAYMENT
                ? Optional.of(FaultPlan.rule(operation).respond(502)) : Optional.empty());

        assertEquals(502, client.bearer("GET", payment, null).statusCode());
        assertEquals(200, client.modify(payment + "/capture", SimulatorClient.amount(100)).statusCode());
        assertEquals(Map.of("502", 1L), sim.faults().injected());

        sim.stopFaults();
        assertEquals(200, client.bearer("GET", payment, null).statusCode());
    }

    @Test
    void theHookRunsAfterTheChangeAndBeforeTheLateAnswer() {
        authorized();
        AtomicReference<PaymentSnapshot> seen = new AtomicReference<>();
        sim.faults().on(Operation.CAPTURE).forReference(reference).delay(Duration.ofMillis(300))
                .whenApplied(request -> seen.set(sim.payment(reference))).times(1);

        assertEquals(200, client.modify(payment + "/capture", SimulatorClient.amount(100)).statusCode());

        assertEquals(100, seen.get().captured(), "the capture had happened when the hook ran");
        assertEquals(Map.of("late answer", 1L), sim.faults().injected());
    }

    @Test
    void aLateCallbackArrivesAfterItsDelayAndHeldOnesGoOutWhenFaultsStop() {
        String second = SimulatorClient.reference();
        createSession(reference);
        createSession(second);
        sim.faults().callbacks().delayNext(1, Duration.ofMillis(700)).reorderNext(2);

        sim.customer().approve(reference);
        sim.customer().approve(second);
        sleep(300);
        assertEquals(List.of(), receiver.received(), "one is late, the other held back for reordering");
        sim.stopFaults();

        assertEquals("/callback?order=" + second, receiver.awaitReceived(1).get(0).pathAndQuery());
        assertEquals("/callback?order=" + reference, receiver.awaitReceived(2).get(1).pathAndQuery());
        assertEquals(Map.of("delayed", 1L, "reordered", 1L), sim.faults().callbacks().applied());
    }

    @Test
    void thePortalFollowsTheEPaymentRulesWithItsOwnKeys() {
        authorized();
        Portal portal = sim.portal();

        Portal.Result captured = portal.capture(reference, 600);
        Portal.Result tooMuch = portal.capture(reference, 500);
        Portal.Result refunded = portal.refund(reference, 400);
        Portal.Result cancelled = portal.cancel(reference);

        assertTrue(captured.done());
        assertFalse(tooMuch.done());
        assertEquals("6090", tooMuch.errorCode());
        assertTrue(refunded.done() && cancelled.done());
        PaymentSnapshot after = sim.payment(reference);
        assertEquals(SimulatedPayment.State.AUTHORIZED, after.state());
        assertEquals(600, after.captured());
        assertEquals(400, after.refunded());
        assertEquals(400, after.cancelled());
        assertEquals(0, after.capturable());
        List<String> keys = after.events().stream().filter(e -> !e.name().equals("CREATED")
                && !e.name().equals("AUTHORIZED")).map(PaymentEvent::idempotencyKey).toList();
        assertEquals(List.of(captured.idempotencyKey(), refunded.idempotencyKey(), cancelled.idempotencyKey()), keys);
        assertTrue(keys.stream().allMatch(k -> k.startsWith("portal-")));
        assertEquals(400, client.modify(payment + "/capture", SimulatorClient.amount(1)).statusCode(),
                "ePayment sees what the portal did: nothing is left to capture");
    }

    @Test
    void theLedgerHoldsEveryPaymentWithItsReturnUrl() {
        createSession(reference);

        PaymentSnapshot snapshot = sim.ledger().get(reference);

        assertNotNull(snapshot);
        assertTrue(snapshot.checkout());
        assertNotNull(snapshot.returnUrl());
        assertEquals(SimulatedPayment.State.CREATED, snapshot.state());
        assertNull(sim.payment("no-such-reference-1"));
    }

    private void authorized() {
        client.modify("/epayment/v1/payments", SimulatorClient.paymentRequest(reference));
        sim.customer().approve(reference);
    }

    private void createSession(String sessionReference) {
        assertEquals(200, client.checkout("POST", "/checkout/v3/session", SimulatorClient.sessionRequest(
                sessionReference, receiver.url("/callback?order=" + sessionReference).toString())).statusCode());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

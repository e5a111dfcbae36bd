package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.CreatePaymentResponse;
import io.github.vcl.vipps.epayment.model.EPaymentState;
import io.github.vcl.vipps.epayment.model.ModificationResponse;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import io.github.vcl.vipps.epayment.model.PaymentEventName;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class EPaymentClientSimulatorTest {

    private static VippsSimulator sim;
    private static VippsClients clients;
    private static EPaymentClient epayment;

    @BeforeAll
    static void start() {
        sim = VippsSimulator.start();
        clients = new SimulatedVipps().clients(sim);
        epayment = clients.epayment();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String createdPayment(long amount) {
        String reference = SimulatedVipps.newReference();
        CreatePaymentResponse created = epayment.createPayment(Requests.payment(reference, amount),
                IdempotencyKey.of(reference + "-create"));
        assertEquals(reference, created.reference());
        return reference;
    }

    private static String authorizedPayment(long amount) {
        String reference = createdPayment(amount);
        sim.customer().approve(reference);
        return reference;
    }

    private static IdempotencyKey key(String reference, String action) {
        return IdempotencyKey.of(reference + "-" + action);
    }

    private static String errorCode(Runnable call) {
        VippsApiException e = assertThrows(VippsApiException.class, call::run);
        return e.errorCode().orElse("none");
    }

    @Test
    void createsAndReadsAPaymentWithABearerToken() {
        String reference = createdPayment(10000);

        Payment payment = epayment.getPayment(reference);

        assertEquals(EPaymentState.CREATED, payment.state());
        assertEquals(Amount.nok(10000), payment.amount());
        assertEquals(reference, payment.reference());
        List<RecordedRequest> gets = SimulatedVipps.requestsTo(sim, "GET", "/epayment/v1/payments/" + reference);
        assertTrue(gets.get(0).header("Authorization").startsWith("Bearer "));
        assertEquals(null, gets.get(0).header("client_secret"), "no client secret outside Checkout and token");
    }

    @Test
    void capturesRefundsAndCancelsTheRest() {
        String reference = authorizedPayment(10000);
        assertEquals(EPaymentState.AUTHORIZED, epayment.getPayment(reference).state());

        ModificationResponse captured = epayment.capture(reference, Amount.nok(6000), key(reference, "capture-1"));
        assertEquals(6000, captured.aggregate().capturedAmount().value());

        ModificationResponse refunded = epayment.refund(reference, Amount.nok(1000), key(reference, "refund-1"));
        assertEquals(1000, refunded.aggregate().refundedAmount().value());

        ModificationResponse cancelled = epayment.cancel(reference, false, key(reference, "cancel-1"));
        assertEquals(4000, cancelled.aggregate().cancelledAmount().value());
        assertEquals(EPaymentState.AUTHORIZED, cancelled.state(), "state stays AUTHORIZED");

        List<PaymentEventName> names = epayment.getEventLog(reference).stream().map(PaymentEvent::name).toList();
        assertTrue(names.containsAll(List.of(PaymentEventName.CREATED, PaymentEventName.AUTHORIZED,
                PaymentEventName.CAPTURED, PaymentEventName.REFUNDED, PaymentEventName.CANCELLED)), names.toString());
        PaymentEvent capture = epayment.getEventLog(reference).stream()
                .filter(e -> e.name() == PaymentEventName.CAPTURED).findFirst().orElseThrow();
        assertEquals(reference + "-capture-1", capture.idempotencyKey());
        assertTrue(capture.success());
    }

    @Test
    void capturingBeforeApprovalIs6080() {
        String reference = createdPayment(10000);
        assertEquals("6080", errorCode(() -> epayment.capture(reference, Amount.nok(100), key(reference, "c"))));
    }

    @Test
    void capturingMoreThanReservedIs6090AndNotRetried() {
        String reference = authorizedPayment(10000);
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> epayment.capture(reference, Amount.nok(10001), key(reference, "capture-1")));
        assertEquals(400, e.httpStatus());
        assertEquals("6090", e.errorCode().orElseThrow());
        assertEquals("Cannot capture more than the reserved amount", e.staffMessage());
        assertEquals(1, SimulatedVipps.requestsTo(sim, "POST",
                "/epayment/v1/payments/" + reference + "/capture").size());
    }

    @Test
    void refundingMoreThanCapturedIs6150() {
        String reference = authorizedPayment(10000);
        epayment.capture(reference, Amount.nok(5000), key(reference, "capture-1"));
        assertEquals("6150", errorCode(() -> epayment.refund(reference, Amount.nok(5001), key(reference, "r"))));
    }

    @Test
    void cancellingAfterFullCaptureIs6040() {
        String reference = authorizedPayment(10000);
        epayment.capture(reference, Amount.nok(10000), key(reference, "capture-1"));
        assertEquals("6040", errorCode(() -> epayment.cancel(reference, false, key(reference, "cancel-1"))));
    }

    @Test
    void cancelTransactionOnlyAfterApprovalIs6060() {
        String reference = authorizedPayment(10000);
        assertEquals("6060", errorCode(() -> epayment.cancel(reference, true, key(reference, "cancel-1"))));
    }

    @Test
    void cancellingBeforeApprovalTerminates() {
        String reference = createdPayment(10000);
        ModificationResponse r = epayment.cancel(reference, true, key(reference, "cancel-1"));
        assertEquals(EPaymentState.TERMINATED, r.state());
        String body = SimulatedVipps.requestsTo(sim, "POST", "/epayment/v1/payments/" + reference + "/cancel")
                .get(0).bodyText();
        assertEquals("{\"cancelTransactionOnly\":true}", body);
    }

    @Test
    void theSameKeyAndBodyCapturesOnceAndADifferentBodyIsAConflict() {
        String reference = authorizedPayment(10000);
        epayment.capture(reference, Amount.nok(3000), key(reference, "capture-1"));
        ModificationResponse replay = epayment.capture(reference, Amount.nok(3000), key(reference, "capture-1"));
        assertEquals(3000, replay.aggregate().capturedAmount().value(), "replayed, not captured twice");

        VippsApiException e = assertThrows(VippsApiException.class,
                () -> epayment.capture(reference, Amount.nok(4000), key(reference, "capture-1")));
        assertEquals(409, e.httpStatus());
        assertTrue(e.isIdempotencyConflict(), e.getMessage());
        assertEquals(3000, epayment.getPayment(reference).aggregate().capturedAmount().value());
    }

    @Test
    void anUnknownReferenceIs404() {
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> epayment.getPayment(SimulatedVipps.newReference()));
        assertEquals(404, e.httpStatus());
        assertEquals("Payment reference not found", e.staffMessage());
    }

    @Test
    void aCheckoutPaymentIsCapturedThroughEPayment() {
        String reference = SimulatedVipps.newReference();
        clients.checkout().createSession(Requests.session(reference), key(reference, "session"));
        sim.customer().approve(reference);

        ModificationResponse captured = epayment.capture(reference, Amount.nok(49900), key(reference, "capture-1"));

        assertEquals(49900, captured.aggregate().capturedAmount().value());
    }
}

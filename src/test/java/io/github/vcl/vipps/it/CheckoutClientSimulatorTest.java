package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsSettings;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.checkout.model.CheckoutPaymentState;
import io.github.vcl.vipps.checkout.model.CheckoutSessionState;
import io.github.vcl.vipps.checkout.model.InitiateSessionRequest;
import io.github.vcl.vipps.checkout.model.InitiateSessionResponse;
import io.github.vcl.vipps.checkout.model.PaymentTransaction;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class CheckoutClientSimulatorTest {

    private static VippsSimulator sim;
    private static CheckoutClient checkout;

    @BeforeAll
    static void start() {
        sim = VippsSimulator.start();
        checkout = new SimulatedVipps().clients(sim).checkout();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static InitiateSessionResponse create(String reference) {
        return checkout.createSession(Requests.session(reference), IdempotencyKey.of(reference + "-session"));
    }

    @Test
    void createsASessionWithClientCredentialsAndNoToken() {
        String reference = SimulatedVipps.newReference();

        InitiateSessionResponse created = create(reference);

        assertTrue(created.checkoutFrontendUrl().contains(reference), created.checkoutFrontendUrl());
        assertTrue(created.pollingUrl().endsWith("/checkout/v3/session/" + reference), created.pollingUrl());
        assertFalse(created.token().isBlank());
        List<RecordedRequest> sent = SimulatedVipps.requestsTo(sim, "POST", "/checkout/v3/session");
        RecordedRequest request = sent.get(sent.size() - 1);
        assertEquals(sim.credentials().clientId(), request.header("client_id"));
        assertNull(request.header("Authorization"));
        assertEquals(reference + "-session", request.header("Idempotency-Key"));
        assertTrue(request.bodyText().contains("\"type\":\"PAYMENT\""));
        assertTrue(SimulatedVipps.requestsTo(sim, "POST", "/accesstoken/get").isEmpty(), "Checkout needs no token");
    }

    @Test
    void readsTheSessionThroughItsLifecycle() {
        String reference = SimulatedVipps.newReference();
        create(reference);

        SessionResponse created = checkout.getSession(reference).orElseThrow();
        assertEquals(CheckoutSessionState.SESSION_CREATED, created.sessionState());
        assertEquals(reference, created.reference());
        assertEquals(CheckoutPaymentState.CREATED, created.paymentDetails().state());
        assertEquals(49900, created.paymentDetails().amount().value());

        sim.customer().approve(reference);

        SessionResponse paid = checkout.getSession(reference).orElseThrow();
        assertEquals(CheckoutSessionState.PAYMENT_SUCCESSFUL, paid.sessionState());
        assertEquals(CheckoutPaymentState.AUTHORIZED, paid.paymentDetails().state());
        assertEquals(49900, paid.paymentDetails().aggregate().authorizedAmount().value());
        assertEquals("posten-1", paid.shippingDetails().shippingMethodId());
        assertFalse(paid.toString().contains(String.valueOf(paid.billingDetails().email())),
                "personal data stays out of toString");
    }

    @Test
    void aRejectedSessionIsTerminated() {
        String reference = SimulatedVipps.newReference();
        create(reference);

        sim.customer().reject(reference);

        SessionResponse session = checkout.getSession(reference).orElseThrow();
        assertEquals(CheckoutSessionState.PAYMENT_TERMINATED, session.sessionState());
        assertEquals(CheckoutPaymentState.TERMINATED, session.paymentDetails().state());
    }

    @Test
    void anOpenSessionCanBeExpiredOncePaidOrGoneNot() {
        String reference = SimulatedVipps.newReference();
        create(reference);
        assertTrue(checkout.expireSession(reference));
        SessionResponse expired = checkout.getSession(reference).orElseThrow();
        assertEquals(CheckoutSessionState.SESSION_EXPIRED, expired.sessionState());
        assertEquals(CheckoutPaymentState.TERMINATED, expired.paymentDetails().state());
        assertFalse(checkout.expireSession(reference), "nothing open any more");

        String paid = SimulatedVipps.newReference();
        create(paid);
        sim.customer().approve(paid);
        assertFalse(checkout.expireSession(paid), "a paid session cannot be expired");
        assertEquals(CheckoutSessionState.PAYMENT_SUCCESSFUL, checkout.getSession(paid).orElseThrow()
                .sessionState());
        assertFalse(checkout.expireSession(SimulatedVipps.newReference()), "unknown");
    }

    @Test
    void anUnknownOrExpiredSessionIsEmptyNotAnError() {
        assertEquals(Optional.empty(), checkout.getSession(SimulatedVipps.newReference()));
    }

    @Test
    void aDuplicateReferenceIsAConflict() {
        String reference = SimulatedVipps.newReference();
        create(reference);

        VippsApiException e = assertThrows(VippsApiException.class, () -> checkout.createSession(
                Requests.session(reference), IdempotencyKey.of(reference + "-session-2")));

        assertEquals(409, e.httpStatus());
        assertEquals(reference, e.reference().orElseThrow());
        assertTrue(e.traceId().isPresent());
    }

    @Test
    void anInvalidRequestIsA400WithTheCheckoutErrorCode() {
        String reference = SimulatedVipps.newReference();
        InitiateSessionRequest valid = Requests.session(reference);
        InitiateSessionRequest tooShortDescription = new InitiateSessionRequest(valid.type(), valid.merchantInfo(),
                new PaymentTransaction(Amount.nok(49900), reference, "ab", valid.transaction().orderSummary()),
                valid.logistics(), valid.prefillCustomer(), valid.configuration());

        VippsApiException e = assertThrows(VippsApiException.class,
                () -> checkout.createSession(tooShortDescription, IdempotencyKey.of(reference + "-s")));

        assertEquals(400, e.httpStatus());
        assertEquals("Validation-00001", e.errorCode().orElseThrow());
        assertEquals("Vipps rejected the request as invalid", e.staffMessage());
        assertEquals(1, e.attempts(), "a 4xx is never retried");
    }

    @Test
    void wrongCredentialsAreA401WithoutTheSecretInTheMessage() {
        VippsSettings good = SimulatedVipps.settings(sim);
        VippsSettings wrong = VippsSettings.of(URI.create(sim.baseUrl()), good.clientId(),
                Secret.of("wrong-secret-value"), good.subscriptionKey(), good.merchantSerialNumber());
        VippsClients clients = new SimulatedVipps().clients(wrong);

        VippsApiException e = assertThrows(VippsApiException.class,
                () -> clients.checkout().getSession(SimulatedVipps.newReference()));

        assertEquals(401, e.httpStatus());
        assertFalse(e.getMessage().contains("wrong-secret-value"));
        assertFalse(e.getMessage().contains(good.subscriptionKey().reveal()));
    }
}

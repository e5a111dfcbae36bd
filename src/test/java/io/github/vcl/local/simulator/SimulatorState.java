package io.github.vcl.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.checkout.CheckoutSession;
import io.github.vcl.local.simulator.delivery.CallbackSender;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;
import io.github.vcl.local.simulator.epayment.SimulatedPayment;
import io.github.vcl.local.simulator.webhooks.WebhookRegistry;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the simulated sales unit knows: payments, Checkout sessions, Order Management data and webhook
 * registrations. Callers hold the monitor of this object while they read or change it.
 */
public final class SimulatorState {

    public final Credentials credentials;
    public final SimulatorOptions options;
    public final Clock clock;
    public final WebhookRegistry webhooks;
    public final Map<String, SimulatedPayment> payments = new HashMap<>();
    public final Map<String, CheckoutSession> sessions = new HashMap<>();
    /** Where the customer goes back to after an ePayment-created payment (Checkout keeps it in the session). */
    public final Map<String, String> returnUrls = new HashMap<>();
    public final Map<String, JsonNode> receipts = new HashMap<>();
    public final Map<String, JsonNode> categories = new HashMap<>();

    private final CallbackSender callbacks;
    private String baseUrl;

    SimulatorState(Credentials credentials, SimulatorOptions options, CallbackSender callbacks,
            CallbackSender webhookSender) {
        this.credentials = credentials;
        this.options = options;
        this.clock = options.clock();
        this.callbacks = callbacks;
        this.webhooks = new WebhookRegistry(clock, webhookSender);
    }

    void baseUrl(String value) {
        this.baseUrl = value;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String frontendUrl(String reference) {
        return baseUrl + "/checkout-frontend/" + reference;
    }

    public SimulatedPayment newPayment(String reference, JsonNode amount, Instant expiresAt) {
        SimulatedPayment payment = new SimulatedPayment(reference, amount.path("currency").asText(),
                amount.path("value").asLong(), clock.instant(), expiresAt,
                event -> webhooks.publish(event, credentials.merchantSerialNumber()));
        payments.put(reference, payment);
        return payment;
    }

    /**
     * Lets time act: payments and sessions nobody finished expire. Runs before every request and customer action,
     * so moving the clock alone sends no EXPIRED webhook until the next one.
     */
    public synchronized void expireDue() {
        Instant now = clock.instant();
        payments.values().forEach(p -> p.expireIfDue(now));
    }

    public synchronized void approve(String reference) {
        expireDue();
        payment(reference).approve(clock.instant());
        callBackIfCheckout(reference);
    }

    public synchronized void reject(String reference) {
        expireDue();
        payment(reference).reject(clock.instant());
        callBackIfCheckout(reference);
    }

    /** The customer closes the page and never comes back; Checkout sends no callback for that. */
    public synchronized void abandon(String reference) {
        expireDue();
        payment(reference).expire(clock.instant());
    }

    /** The customer opens the payment page. */
    public synchronized String open(String reference) {
        payment(reference);
        CheckoutSession session = sessions.get(reference);
        if (session != null) {
            session.open(clock.instant(), options.paymentExpiry());
        }
        return session != null ? "Checkout session " + reference : "Payment " + reference;
    }

    public synchronized String returnUrl(String reference) {
        CheckoutSession session = sessions.get(reference);
        return session != null ? session.returnUrl() : returnUrls.get(reference);
    }

    /** Every payment as it stands now, by reference. */
    public synchronized Map<String, PaymentSnapshot> snapshot() {
        Map<String, PaymentSnapshot> all = new java.util.TreeMap<>();
        payments.forEach((reference, payment) -> all.put(reference,
                payment.snapshot(sessions.containsKey(reference), returnUrl(reference))));
        return all;
    }

    /** One payment as it stands now; null when there is none with that reference. */
    public synchronized PaymentSnapshot snapshot(String reference) {
        SimulatedPayment payment = payments.get(reference);
        return payment == null ? null : payment.snapshot(sessions.containsKey(reference), returnUrl(reference));
    }

    SimulatedPayment payment(String reference) {
        SimulatedPayment payment = payments.get(reference);
        if (payment == null) {
            throw new IllegalArgumentException("No payment with reference " + reference);
        }
        return payment;
    }

    /**
     * A session that reached an end state through the customer sends its SessionResponse
     * (docs/vipps-rules.md#checkout-callback).
     */
    public void callBackIfCheckout(String reference) {
        CheckoutSession session = sessions.get(reference);
        if (session == null) {
            return;
        }
        ObjectNode body = session.toJson(credentials.merchantSerialNumber(), clock.instant());
        callbacks.send(new CallbackSender.Outgoing(URI.create(session.callbackUrl()),
                Map.of("Content-Type", "application/json", "Authorization", session.callbackAuthorizationToken()),
                Json.bytes(body)));
    }
}

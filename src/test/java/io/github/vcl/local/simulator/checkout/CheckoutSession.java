package io.github.vcl.local.simulator.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.epayment.SimulatedPayment;

import java.time.Instant;
import java.util.UUID;

/**
 * One Checkout v3 session (docs/vipps-rules.md#checkout-sessions). Its payment is an ordinary {@link SimulatedPayment}
 * under the same reference, so ePayment sees it from creation on; the session state is derived from that payment,
 * which keeps the two views from drifting apart.
 */
public final class CheckoutSession {

    final String reference;
    final String sessionId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    final SimulatedPayment payment;
    final Instant expiresAt;

    private final JsonNode request;
    private boolean opened;
    private boolean expiredByMerchant;

    CheckoutSession(JsonNode request, SimulatedPayment payment, Instant expiresAt) {
        this.request = request;
        this.reference = payment.reference;
        this.payment = payment;
        this.expiresAt = expiresAt;
    }

    public String callbackUrl() {
        return request.path("merchantInfo").path("callbackUrl").asText();
    }

    public String returnUrl() {
        return request.path("merchantInfo").path("returnUrl").asText();
    }

    public String callbackAuthorizationToken() {
        return request.path("merchantInfo").path("callbackAuthorizationToken").asText();
    }

    JsonNode orderSummary() {
        return request.path("transaction").path("orderSummary");
    }

    /** The customer has the checkout page open and starts paying: the payment gets Vipps' payment window. */
    public void open(Instant now, java.time.Duration paymentWindow) {
        opened = true;
        payment.startPaying(now, paymentWindow);
    }

    /** The merchant expired the session: its waiting payment is terminated, the session reads SessionExpired. */
    void expireByMerchant(Instant now) {
        payment.terminate(now);
        expiredByMerchant = true;
    }

    /**
     * Past its TTL without a result: Checkout answers 404 Session-00100 from then on
     * (docs/vipps-rules.md#checkout-sessions).
     */
    boolean isGone(Instant now) {
        return !now.isBefore(expiresAt) && payment.state() == SimulatedPayment.State.EXPIRED;
    }

    /**
     * Past its TTL while the customer is still approving the payment in the app: the session reads SessionExpired,
     * yet ePayment's payment is CREATED and may still be approved within its window.
     */
    private boolean pastTtl(Instant now) {
        return !now.isBefore(expiresAt);
    }

    String state(Instant now) {
        if (expiredByMerchant || (payment.state() == SimulatedPayment.State.CREATED && pastTtl(now))) {
            return "SessionExpired";
        }
        return switch (payment.state()) {
            case CREATED -> opened ? "PaymentInitiated" : "SessionCreated";
            case AUTHORIZED -> "PaymentSuccessful";
            case ABORTED, TERMINATED -> "PaymentTerminated";
            case EXPIRED -> "SessionExpired";
        };
    }

    /** SessionResponse: the body of both the GET and the callback. */
    public ObjectNode toJson(String merchantSerialNumber, Instant now) {
        ObjectNode json = Json.object()
                .put("sessionId", sessionId)
                .put("merchantSerialNumber", merchantSerialNumber)
                .put("reference", reference)
                .put("sessionState", state(now));
        ObjectNode details = json.putObject("paymentDetails");
        details.set("amount", Json.amount(payment.currency, payment.amount));
        details.put("state", switch (payment.state()) {
            case CREATED -> "CREATED";
            case AUTHORIZED -> "AUTHORIZED";
            case ABORTED, EXPIRED, TERMINATED -> "TERMINATED";
        });
        details.set("aggregate", payment.aggregate());
        if (payment.state() == SimulatedPayment.State.AUTHORIZED) {
            json.put("paymentMethod", "Wallet");
            addCustomerDetails(json);
        }
        return json;
    }

    private void addCustomerDetails(ObjectNode json) {
        String elements = request.path("configuration").path("elements").asText("Full");
        if ("PaymentOnly".equals(elements)) {
            return;
        }
        JsonNode prefill = request.path("prefillCustomer");
        ObjectNode billing = json.putObject("billingDetails")
                .put("firstName", prefill.path("firstName").asText("Ola"))
                .put("lastName", prefill.path("lastName").asText("Nordmann"))
                .put("email", prefill.path("email").asText("ola.nordmann@example.com"))
                .put("phoneNumber", prefill.path("phoneNumber").asText("4791234567"));
        if ("PaymentAndContactInfo".equals(elements)) {
            return;
        }
        billing.put("streetAddress", prefill.path("streetAddress").asText("Robert Levins gate 5"))
                .put("postalCode", prefill.path("postalCode").asText("0154"))
                .put("city", prefill.path("city").asText("Oslo"))
                .put("country", prefill.path("country").asText("NO"));
        ObjectNode shipping = billing.deepCopy();
        JsonNode option = chosenShippingOption();
        if (option != null) {
            shipping.put("shippingMethodId", option.path("id").asText());
            if (option.has("amount")) {
                shipping.set("amount", option.get("amount").deepCopy());
            }
        }
        json.set("shippingDetails", shipping);
    }

    /** The default fixed option, else the first one; the simulated customer never changes it. */
    private JsonNode chosenShippingOption() {
        JsonNode options = request.path("logistics").path("fixedOptions");
        for (JsonNode option : options) {
            if (option.path("isDefault").asBoolean()) {
                return option;
            }
        }
        return options.size() > 0 ? options.get(0) : null;
    }
}

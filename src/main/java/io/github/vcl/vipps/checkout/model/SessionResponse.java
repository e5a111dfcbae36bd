package io.github.vcl.vipps.checkout.model;

import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.VippsAggregate;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * {@code GET /checkout/v3/session/{reference}} answer, also the body of the Checkout callback.
 * {@code paymentMethod}: Wallet | Card | BankTransfer | Klarna (a string, new values must not break us).
 * Contains personal data; the nested types' {@code toString} hide it.
 */
@RegisterForReflection
public record SessionResponse(
        String sessionId,
        String merchantSerialNumber,
        String reference,
        CheckoutSessionState sessionState,
        String paymentMethod,
        PaymentDetails paymentDetails,
        UserInfo userInfo,
        ShippingDetails shippingDetails,
        BillingDetails billingDetails,
        Boolean customConsentProvided) {

    @RegisterForReflection
    public record PaymentDetails(String type, Amount amount, CheckoutPaymentState state, VippsAggregate aggregate) {
    }

    @RegisterForReflection
    public record UserInfo(String sub, String email) {
        @Override
        public String toString() {
            return "UserInfo[***]";
        }
    }

    @RegisterForReflection
    public record ShippingDetails(String firstName, String lastName, String email, String phoneNumber,
            String streetAddress, String postalCode, String city, String country, String shippingMethodId,
            Amount amount, PickupPoint pickupPoint) {
        @Override
        public String toString() {
            return "ShippingDetails[shippingMethodId=" + shippingMethodId + ", amount=" + amount + ", ***]";
        }
    }

    @RegisterForReflection
    public record PickupPoint(String id, String name, String address, String postalCode, String city,
            String country, List<String> openingHours) {
    }

    @RegisterForReflection
    public record BillingDetails(String firstName, String lastName, String email, String phoneNumber,
            String streetAddress, String postalCode, String city, String country) {
        @Override
        public String toString() {
            return "BillingDetails[***]";
        }
    }
}

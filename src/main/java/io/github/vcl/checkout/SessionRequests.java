package io.github.vcl.checkout;

import io.github.vcl.order.Order;
import io.github.vcl.order.ShippingOption;
import io.github.vcl.payment.VippsOrderLines;
import io.github.vcl.vipps.checkout.model.CheckoutConfiguration;
import io.github.vcl.vipps.checkout.model.InitiateSessionRequest;
import io.github.vcl.vipps.checkout.model.Logistics;
import io.github.vcl.vipps.checkout.model.LogisticsOption;
import io.github.vcl.vipps.checkout.model.MerchantInfo;
import io.github.vcl.vipps.checkout.model.OrderBottomLine;
import io.github.vcl.vipps.checkout.model.OrderSummary;
import io.github.vcl.vipps.checkout.model.PaymentTransaction;
import io.github.vcl.vipps.checkout.model.PrefillCustomer;
import io.github.vcl.vipps.model.Amount;

/**
 * Builds the Checkout session request for an order. It sends {@code orderSummary}, so Vipps itself files the
 * receipt in the customer's payment history.
 */
final class SessionRequests {
    private SessionRequests() {
    }

    static InitiateSessionRequest build(Order order, InitiateRequest request, SessionTokens.Issued tokens,
                                        CheckoutSettings settings) {
        String reference = order.reference().value();
        String currency = order.currency().name();
        MerchantInfo merchant = new MerchantInfo(settings.callbackUrl(reference).toString(),
                settings.returnUrl(reference, tokens.returnToken()).toString(), tokens.callbackToken(),
                settings.termsAndConditionsUrl().toString());
        OrderSummary summary = new OrderSummary(order.lines().stream().map(VippsOrderLines::of).toList(),
                OrderBottomLine.of(currency));
        PaymentTransaction transaction = new PaymentTransaction(Amount.of(order.amount().minor(), currency), reference,
                order.description().text(), summary);
        Logistics logistics = request.shippingOptions().isEmpty() ? null
                : Logistics.fixed(request.shippingOptions().stream().map(SessionRequests::option).toList());
        PrefillCustomer prefill = request.customer().map(c -> new PrefillCustomer(c.firstName(), c.lastName(),
                c.email(), c.phoneNumber(), c.streetAddress(), c.city(), c.postalCode(), c.country())).orElse(null);
        return InitiateSessionRequest.payment(merchant, transaction, logistics, prefill,
                CheckoutConfiguration.webDefaults());
    }

    private static LogisticsOption option(ShippingOption option) {
        return new LogisticsOption(option.brand(), option.id(), option.priority(), option.isDefault(),
                option.description(), Amount.of(option.amount().minor(), option.amount().currency().name()),
                option.type(), null, option.title(), option.taxRate());
    }
}

package io.github.vcl.checkout;

import io.github.vcl.order.CustomerDetail;
import io.github.vcl.order.CustomerPrefill;
import io.github.vcl.order.Order;
import io.github.vcl.payment.VippsOrderLines;
import io.github.vcl.vipps.epayment.model.CreatePaymentRequest;
import io.github.vcl.vipps.epayment.model.Customer;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.ordermanagement.model.BottomLine;
import io.github.vcl.vipps.ordermanagement.model.Receipt;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the ePayment create-payment request for an order of the ePayment flow: {@code WEB_REDIRECT} to the Vipps
 * MobilePay landing page or app, or {@code PUSH_MESSAGE} straight to the customer's app when the shop gave their
 * phone number; the order lines go along as the {@code receipt}, so the customer's payment history has them without
 * a second call; {@code profile.scope} asks for the customer details the shop wants (docs/vipps-rules.md#epayment).
 */
final class PaymentRequests {
    private PaymentRequests() {
    }

    static CreatePaymentRequest build(Order order, InitiateRequest request, SessionTokens.Issued tokens,
                                      CheckoutSettings settings) {
        String reference = order.reference().value();
        String currency = order.currency().name();
        Optional<String> phone = request.customer().map(CustomerPrefill::phoneNumber);
        CreatePaymentRequest payment = CreatePaymentRequest.webRedirect(Amount.of(order.amount().minor(), currency),
                reference, settings.returnUrl(reference, tokens.returnToken()).toString(), order.description().text())
                .withReceipt(new Receipt(order.lines().stream().map(VippsOrderLines::of).toList(),
                        BottomLine.of(currency)));
        if (phone.isPresent()) {
            payment = payment.pushedTo(Customer.phoneNumber(phone.get()));
        }
        if (!request.customerDetails().isEmpty()) {
            payment = payment.withProfileScope(request.customerDetails().stream().map(CustomerDetail::scope).sorted()
                    .collect(Collectors.joining(" ")));
        }
        return payment;
    }
}

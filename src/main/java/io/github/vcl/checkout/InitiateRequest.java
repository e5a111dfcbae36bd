package io.github.vcl.checkout;

import io.github.vcl.order.Currency;
import io.github.vcl.order.CustomerDetail;
import io.github.vcl.order.CustomerPrefill;
import io.github.vcl.order.Flow;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.ShippingOption;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the shop server asks for: the cart, the shipping options Checkout offers (ePayment charges the default one as
 * an order line), optional customer details to prefill (personal data: passed to Vipps, never stored or logged), the
 * flow if the shop chooses one (else the deployment's), the customer details Vipps should share with an ePayment
 * payment, and the shop's Idempotency-Key with a fingerprint of its request, so a retry returns the same session and
 * a different request under the same key is refused.
 */
public record InitiateRequest(NewOrder order, List<ShippingOption> shippingOptions, Optional<CustomerPrefill> customer,
                              Optional<Flow> flow, Set<CustomerDetail> customerDetails,
                              Optional<String> idempotencyKey, String fingerprint) {

    public InitiateRequest {
        Objects.requireNonNull(order, "order");
        shippingOptions = List.copyOf(shippingOptions);
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(flow, "flow");
        customerDetails = Set.copyOf(customerDetails);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        long dearestShipping = shippingOptions.stream().mapToLong(o -> o.amount().minor()).max().orElse(0);
        if (order.total().minor() + dearestShipping > Currency.MAXIMUM_PAYMENT_MINOR) {
            // Checkout adds the chosen option's amount to the payment.
            throw new InvalidOrderException("shippingOptions", "the order total with shipping would be above the "
                    + "largest payment Vipps MobilePay accepts, "
                    + Money.of(Currency.MAXIMUM_PAYMENT_MINOR, order.currency()));
        }
    }

    /** The cart as an order of {@code flow}: ePayment has no shipping choice, so the default option becomes a line. */
    public NewOrder orderFor(Flow flow) {
        if (flow == Flow.CHECKOUT || shippingOptions.isEmpty()) {
            return order;
        }
        return order.withShipping(shippingOptions.stream().filter(ShippingOption::isDefault).findFirst()
                .orElse(shippingOptions.get(0)));
    }
}

package io.github.vcl.support;

import io.github.vcl.order.OperationLimit;
import io.github.vcl.order.Order;
import io.github.vcl.vipps.checkout.model.SessionResponse;

import java.util.List;
import java.util.Optional;

/**
 * Everything support sees of one order: the order itself, what can be done now (and up to how much), the merged
 * history, and the customer's details as the Checkout session holds them — read from Vipps for this answer only,
 * never stored or logged. {@code notes} say which Vipps reads failed, so a partial view is never mistaken for a full
 * one.
 */
public record OrderDetail(Order order, List<OperationLimit> actions, List<TimelineEntry> timeline,
                          Optional<Customer> customer, List<String> notes) {

    /** The personal parts of the Checkout session. */
    public record Customer(SessionResponse.UserInfo userInfo, SessionResponse.ShippingDetails shipping,
                           SessionResponse.BillingDetails billing) {
        @Override
        public String toString() {
            return "Customer[***]";
        }
    }
}

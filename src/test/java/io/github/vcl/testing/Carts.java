package io.github.vcl.testing;

import io.github.vcl.checkout.InitiateRequest;
import io.github.vcl.order.Currency;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Money;
import io.github.vcl.order.NewOrder;
import io.github.vcl.order.OrderLine;
import io.github.vcl.order.PaymentDescription;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sample carts, as JSON bodies for the initiate route and as service requests. */
public final class Carts {
    private Carts() {
    }

    public static String json(String shopOrderId) {
        return """
                {"shopOrderId": "%s", "currency": "NOK", "paymentDescription": "Order %s at Acme",
                 "lines": [{"id": "sku-1", "name": "Coffee beans", "quantity": 2, "unitPrice": 25000, "taxRate": 1500},
                           {"id": "sku-2", "name": "Mug", "quantity": 1, "unitPrice": 9900, "taxRate": 2500}],
                 "shippingOptions": [{"id": "posten-home", "brand": "POSTEN", "type": "HOME_DELIVERY",
                                      "amount": 9900, "taxRate": 2500, "isDefault": true, "priority": 0}],
                 "customer": {"firstName": "Kari", "lastName": "Nordmann", "phoneNumber": "4791234567", "country": "NO"}}
                """.formatted(shopOrderId, shopOrderId);
    }

    public static InitiateRequest request(String shopOrderId) {
        return request(shopOrderId, Optional.empty());
    }

    /** The same cart in the given flow. */
    public static InitiateRequest request(String shopOrderId, Flow flow) {
        return request(shopOrderId, Optional.of(flow));
    }

    /** The same cart in the given flow, sent with the shop's Idempotency-Key {@code key} (one fingerprint per cart). */
    public static InitiateRequest request(String shopOrderId, Flow flow, String key) {
        return request(shopOrderId, Optional.of(flow), Optional.of(key), "fingerprint-of-" + shopOrderId);
    }

    private static InitiateRequest request(String shopOrderId, Optional<Flow> flow) {
        return request(shopOrderId, flow, Optional.empty(), UUID.randomUUID().toString());
    }

    private static InitiateRequest request(String shopOrderId, Optional<Flow> flow, Optional<String> key,
                                           String fingerprint) {
        NewOrder order = new NewOrder(shopOrderId, Currency.NOK, List.of(
                new OrderLine("sku-1", "Coffee beans", 2, Money.of(25000, Currency.NOK), 1500, false)),
                new PaymentDescription("Order " + shopOrderId + " at Acme"));
        return new InitiateRequest(order, List.of(), Optional.empty(), flow, java.util.Set.of(), key, fingerprint);
    }

    public static String newShopOrderId() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

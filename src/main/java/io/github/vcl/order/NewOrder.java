package io.github.vcl.order;

import java.util.List;
import java.util.Objects;

/** What the shop asks us to take payment for. Validated on construction: a bad cart never becomes an order. */
public record NewOrder(String shopOrderId, Currency currency, List<OrderLine> lines, PaymentDescription description) {

    public NewOrder {
        Text.require("shopOrderId", shopOrderId, 1, 100);
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(description, "description");
        if (lines == null || lines.isEmpty()) {
            throw new InvalidOrderException("lines", "at least one order line is required");
        }
        lines = List.copyOf(lines);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).unitPrice().currency() != currency) {
                throw new InvalidOrderException("lines[" + i + "].unitPrice",
                        "is in " + lines.get(i).unitPrice().currency() + " but the order is in " + currency);
            }
        }
        Money total = total(currency, lines);
        if (total.minor() < currency.minimumPaymentMinor()) {
            throw new InvalidOrderException("lines", "the order total " + total + " is below the smallest payment "
                    + Money.of(currency.minimumPaymentMinor(), currency));
        }
    }

    public Money total() {
        return total(currency, lines);
    }

    private static Money total(Currency currency, List<OrderLine> lines) {
        Money sum = Money.zero(currency);
        for (OrderLine line : lines) {
            sum = sum.plus(line.totalAmount());
        }
        return sum;
    }
}

package io.github.vcl.order;

import java.util.List;
import java.util.Objects;

/**
 * What the shop asks us to take payment for. Validated on construction: a bad cart never becomes an order — no
 * amount or total above what Vipps MobilePay accepts, no cart too large to store.
 */
public record NewOrder(String shopOrderId, Currency currency, List<OrderLine> lines, PaymentDescription description) {
    /** Vipps sets no limit; ours keeps an order, its history included, well inside DynamoDB's 400 KB per item. */
    public static final int MAX_LINES = 200;
    public static final int MAX_LINE_TEXT_BYTES = 100_000;

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
        if (lines.size() > MAX_LINES) {
            throw new InvalidOrderException("lines", "at most " + MAX_LINES + " order lines, was " + lines.size());
        }
        long text = lines.stream().mapToLong(l -> utf8(l.id()) + utf8(l.name())).sum();
        if (text > MAX_LINE_TEXT_BYTES) {
            throw new InvalidOrderException("lines", "the lines' ids and names take " + text + " bytes; at most "
                    + MAX_LINE_TEXT_BYTES + " fit in one order record (shorten the names)");
        }
        Money total = total(currency, lines);
        if (total.minor() > Currency.MAXIMUM_PAYMENT_MINOR) {
            throw new InvalidOrderException("lines", "the order total " + total + " is above the largest payment "
                    + "Vipps MobilePay accepts, " + Money.of(Currency.MAXIMUM_PAYMENT_MINOR, currency));
        }
        if (total.minor() < currency.minimumPaymentMinor()) {
            throw new InvalidOrderException("lines", "the order total " + total + " is below the smallest payment "
                    + Money.of(currency.minimumPaymentMinor(), currency));
        }
    }

    private static long utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * This cart with the shipping option's cost as one more line: how a payment without Checkout's shipping choice
     * (ePayment) charges shipping.
     */
    public NewOrder withShipping(ShippingOption option) {
        List<OrderLine> withShipping = new java.util.ArrayList<>(lines);
        String name = "Shipping: " + (option.title() != null ? option.title() : option.brand());
        withShipping.add(new OrderLine(option.id(), name, 1, option.amount(), option.taxRate(), true));
        return new NewOrder(shopOrderId, currency, withShipping, description);
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

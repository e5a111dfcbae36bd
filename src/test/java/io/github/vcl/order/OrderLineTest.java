package io.github.vcl.order;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.vcl.order.Orders.nok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderLineTest {

    @Test
    void derivesTaxFromGrossPriceInWholeMinorUnits() {
        OrderLine line = new OrderLine("sku", "Book", 3, nok(10000), 2500, false);
        assertEquals(nok(30000), line.totalAmount());
        assertEquals(nok(24000), line.totalAmountExcludingTax());
        assertEquals(nok(6000), line.totalTaxAmount());
    }

    @Test
    void roundsHalfUpAndKeepsTheSum() {
        OrderLine line = new OrderLine("sku", "Snack", 1, nok(999), 1500, false); // 999 / 1.15 = 868.69…
        assertEquals(nok(869), line.totalAmountExcludingTax());
        assertEquals(nok(130), line.totalTaxAmount());
        OrderLine zero = new OrderLine("sku", "Gift card", 1, nok(999), 0, false);
        assertEquals(nok(0), zero.totalTaxAmount());
    }

    @Test
    void refusesBadLines() {
        assertEquals("quantity", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", "x", 0, nok(1), 0, false)).field());
        assertEquals("taxRate", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", "x", 1, nok(1), 10001, false)).field());
        assertEquals("taxRate", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", "x", 1, nok(1), -1, false)).field());
        assertEquals("name", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", " ", 1, nok(1), 0, false)).field());
        assertEquals("id", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("x".repeat(256), "x", 1, nok(1), 0, false)).field());
        assertEquals("unitPrice", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", "x", 1_000_000, nok(Long.MAX_VALUE / 10), 0, false)).field());
        assertEquals("unitPrice", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", "x", 1, nok(1_000_000_000_000_000_000L), 0, false)).field());
        assertEquals("unitPrice", assertThrows(InvalidOrderException.class,
                () -> new OrderLine("sku", "x", 2, nok(Currency.MAXIMUM_PAYMENT_MINOR / 2 + 1), 0, false)).field());
        assertEquals(Currency.MAXIMUM_PAYMENT_MINOR,
                new OrderLine("sku", "x", 2, nok(Currency.MAXIMUM_PAYMENT_MINOR / 2), 0, false).totalAmount().minor());
    }

    @Test
    void aCartVippsWouldRefuseOrThatCannotBeStoredIsNoOrder() {
        var half = new OrderLine("sku-1", "x", 1, nok(Currency.MAXIMUM_PAYMENT_MINOR / 2 + 1), 0, false);
        var other = new OrderLine("sku-2", "y", 1, nok(Currency.MAXIMUM_PAYMENT_MINOR / 2 + 1), 0, false);
        var description = new PaymentDescription("Order 1");
        var total = assertThrows(InvalidOrderException.class, () -> new NewOrder("o-1", Currency.NOK,
                List.of(half, other), description));
        assertTrue(total.getMessage().contains("above the largest payment"), total.getMessage());

        List<OrderLine> many = new java.util.ArrayList<>();
        for (int i = 0; i <= NewOrder.MAX_LINES; i++) {
            many.add(new OrderLine("sku-" + i, "item " + i, 1, nok(100), 0, false));
        }
        assertEquals("lines", assertThrows(InvalidOrderException.class, () -> new NewOrder("o-1", Currency.NOK,
                many, description)).field());

        List<OrderLine> wordy = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            wordy.add(new OrderLine("sku-" + i, "æ".repeat(2000), 1, nok(100), 0, false));
        }
        var big = assertThrows(InvalidOrderException.class, () -> new NewOrder("o-1", Currency.NOK, wordy,
                description));
        assertTrue(big.getMessage().contains("bytes"), big.getMessage());
    }

    @Test
    void newOrderChecksCurrencyTotalAndDescription() {
        var dkkLine = new OrderLine("sku", "x", 1, Money.of(500, Currency.DKK), 0, false);
        var e = assertThrows(InvalidOrderException.class, () -> new NewOrder("o-1", Currency.NOK, List.of(dkkLine),
                new PaymentDescription("Order o-1")));
        assertEquals("lines[0].unitPrice", e.field());
        var tooSmall = new OrderLine("sku", "x", 1, nok(99), 0, false);
        assertTrue(assertThrows(InvalidOrderException.class, () -> new NewOrder("o-1", Currency.NOK,
                List.of(tooSmall), new PaymentDescription("Order o-1"))).getMessage().contains("below the smallest"));
        assertEquals("lines", assertThrows(InvalidOrderException.class, () -> new NewOrder("o-1", Currency.NOK,
                List.of(), new PaymentDescription("Order o-1"))).field());
        assertEquals("paymentDescription", assertThrows(InvalidOrderException.class,
                () -> new PaymentDescription("ab")).field());
        assertEquals("paymentDescription", assertThrows(InvalidOrderException.class,
                () -> new PaymentDescription("x".repeat(101))).field());
        assertEquals(nok(55000), Orders.cart().total());
    }
}

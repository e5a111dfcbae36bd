package io.github.vcl.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.vcl.order.Orders.nok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoneyTest {

    @Test
    void formatsMinorUnitsForPeople() {
        assertEquals("NOK 250.00", nok(25000).format());
        assertEquals("NOK 0.05", nok(5).format());
        assertEquals("EUR 1234.56", Money.of(123456, Currency.EUR).format());
    }

    @Test
    void addsAndSubtractsWithinOneCurrency() {
        assertEquals(nok(300), nok(100).plus(nok(200)));
        assertEquals(nok(50), nok(100).minus(nok(50)));
        var e = assertThrows(InvalidOrderException.class, () -> nok(100).plus(Money.of(1, Currency.DKK)));
        assertTrue(e.getMessage().contains("cannot combine NOK with DKK"));
    }

    @Test
    void refusesNegativeAmounts() {
        var e = assertThrows(InvalidOrderException.class, () -> nok(-1));
        assertTrue(e.getMessage().contains("must not be negative"));
        assertThrows(IllegalArgumentException.class, () -> nok(1).minus(nok(2)));
    }

    @Test
    void refusesOverflow() {
        assertThrows(ArithmeticException.class, () -> nok(Long.MAX_VALUE).plus(nok(1)));
        assertThrows(ArithmeticException.class, () -> nok(Long.MAX_VALUE / 2).times(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "-100", "1e3", "", " 100", "0x10", "100.00", "１００", "9999999999999999999"})
    void parsingRefusesAnythingButWholeMinorUnits(String text) {
        var e = assertThrows(InvalidOrderException.class, () -> Money.parse("amount", text, "NOK"));
        assertEquals("amount", e.field());
        assertTrue(e.getMessage().contains("whole, non-negative number of minor units"), e.getMessage());
    }

    @Test
    void parsesWholeMinorUnits() {
        assertEquals(Money.of(49900, Currency.DKK), Money.parse("amount", "49900", "DKK"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SEK", "nok", "USD", ""})
    void refusesUnknownCurrencies(String code) {
        var e = assertThrows(InvalidOrderException.class, () -> Money.parse("amount", "100", code));
        assertTrue(e.getMessage().contains("unknown currency"), e.getMessage());
        assertTrue(e.getMessage().contains("NOK, DKK, EUR"), e.getMessage());
    }
}

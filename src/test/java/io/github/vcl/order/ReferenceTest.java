package io.github.vcl.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceTest {
    private static final Pattern VIPPS_RULE = Pattern.compile("^[-a-zA-Z0-9]{8,50}$");

    @Test
    void generatedReferencesFollowVippsRulesAndAreUnique() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        Set<String> seen = new HashSet<>();
        for (String prefix : new String[]{"A", "acme", "ShopNumber7", "X234567890123456789z"}) {
            ReferenceGenerator generator = new ReferenceGenerator(prefix, clock, new Random(prefix.hashCode()));
            for (int i = 0; i < 5_000; i++) {
                Reference reference = generator.firstAttempt();
                String value = reference.value();
                assertTrue(VIPPS_RULE.matcher(value).matches(), value);
                assertTrue(value.startsWith(prefix + "-261125-"), value);
                assertTrue(value.endsWith("-1"), value);
                assertEquals(1, reference.attempt());
                assertTrue(seen.add(value), "duplicate " + value);
                Reference last = reference;
                for (int attempt = 2; attempt <= 12; attempt++) {
                    last = last.nextAttempt();
                    assertEquals(attempt, last.attempt());
                    assertTrue(VIPPS_RULE.matcher(last.value()).matches(), last.value());
                    assertTrue(seen.add(last.value()), "duplicate " + last.value());
                }
            }
        }
        assertEquals(4 * 5_000 * 12, seen.size());
    }

    @Test
    void randomPartAvoidsLookAlikes() {
        Reference reference = new ReferenceGenerator("acme", Clock.systemUTC(), new Random(7)).firstAttempt();
        String random = reference.value().split("-")[2];
        assertEquals(ReferenceGenerator.RANDOM_LENGTH, random.length());
        assertTrue(random.chars().noneMatch(c -> "01OIULl".indexOf(c) >= 0), random);
    }

    @Test
    void attemptsStopAtTheLimit() {
        Reference last = Reference.of("acme-261125-ABCDEFGH-999");
        var e = assertThrows(InvalidOrderException.class, last::nextAttempt);
        assertTrue(e.getMessage().contains("all 999 payment attempts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"short", "has space in it", "semi;colon-ref", "æøå-reference", "under_score_ref",
            "x12345678901234567890123456789012345678901234567890"})
    void refusesReferencesOutsideVippsRules(String value) {
        var e = assertThrows(InvalidOrderException.class, () -> Reference.of(value));
        assertEquals("reference", e.field());
        assertTrue(e.getMessage().contains("8–50 characters"), e.getMessage());
    }

    @Test
    void refusesNullReferenceAndForeignReferenceAttempts() {
        assertThrows(InvalidOrderException.class, () -> Reference.of(null));
        assertThrows(InvalidOrderException.class, () -> Reference.of("someone-elses-ref").nextAttempt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1acme", "acme-shop", "toolongprefix1234567890", "æ"})
    void refusesBadPrefixes(String prefix) {
        var e = assertThrows(InvalidOrderException.class, () -> new ReferenceGenerator(prefix));
        assertEquals("referencePrefix", e.field());
    }

    @Test
    void idempotencyKeysAreShortDeterministicAndDistinct() {
        Reference longest = Reference.of("x".repeat(48) + "-1");
        String key = IdempotencyKeys.forOperation(longest, OperationType.CAPTURE, 12);
        assertTrue(key.length() <= IdempotencyKeys.MAX_LENGTH, key);
        assertEquals(key, IdempotencyKeys.forOperation(longest, OperationType.CAPTURE, 12));
        Set<String> keys = new HashSet<>();
        for (OperationType type : OperationType.values()) {
            for (int n = 1; n <= 5; n++) {
                keys.add(IdempotencyKeys.forOperation(longest, type, n));
                keys.add(IdempotencyKeys.forOperation(longest.nextAttempt(), type, n));
            }
        }
        keys.add(IdempotencyKeys.forSession(longest));
        assertEquals(31, keys.size());
    }
}

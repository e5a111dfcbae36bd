package io.github.vcl.auth;

import io.github.vcl.local.simulator.AdjustableClock;
import io.github.vcl.refusal.NotAllowed;
import io.github.vcl.refusal.NotAuthenticated;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key registry's rules, on plain maps of configuration and a clock moved by hand. */
class ApiKeysTest {
    static final String SHOP = "shop-key-0123456789abcdef0123456789";
    static final String SHOP_NEXT = "shop-key-next-0123456789abcdef01234";
    static final String KARI = "staff-key-kari-0123456789abcdef0123";
    static final String OLA = "staff-key-ola-0123456789abcdef01234";

    static Map<String, String> entries() {
        Map<String, String> entries = new HashMap<>();
        entries.put("vcl.shop-api-key", SHOP);
        entries.put("vcl.staff.kari.api-key", KARI);
        entries.put("vcl.staff.kari.rights", "operations,support");
        entries.put("vcl.staff.ola.api-key", OLA);
        entries.put("vcl.staff.ola.rights", "support");
        return entries;
    }

    private final ApiKeys keys = ApiKeys.fixed(entries());

    @Test
    void eachKeyIsACallerWithItsRights() {
        assertEquals(new Caller("shop", Set.of(Right.INITIATE, Right.STATUS, Right.CAPTURE, Right.CANCEL)),
                keys.identify("Bearer " + SHOP).orElseThrow());
        assertEquals(new Caller("kari", Set.of(Right.CAPTURE, Right.REFUND, Right.CANCEL, Right.SUPPORT)),
                keys.identify("Bearer " + KARI).orElseThrow());
        assertEquals(new Caller("ola", Set.of(Right.SUPPORT)), keys.identify("bearer " + OLA).orElseThrow());
    }

    @Test
    void theShopKeyMayNotRefundOrReadCustomersUnlessWidened() {
        NotAllowed refund = assertThrows(NotAllowed.class, () -> keys.require("Bearer " + SHOP, Right.REFUND));
        assertEquals("This API key may not refund payments.", refund.detail());
        assertThrows(NotAllowed.class, () -> keys.require("Bearer " + SHOP, Right.SUPPORT));
        assertEquals("shop", keys.require("Bearer " + SHOP, Right.CAPTURE).id());

        Map<String, String> widened = entries();
        widened.put("vcl.shop-rights", "operations");
        assertEquals("shop", ApiKeys.fixed(widened).require("Bearer " + SHOP, Right.REFUND).id());
        assertThrows(NotAllowed.class, () -> ApiKeys.fixed(widened).require("Bearer " + SHOP, Right.SUPPORT));
    }

    @Test
    void staffKeysCannotStartPayments() {
        assertThrows(NotAllowed.class, () -> keys.require("Bearer " + KARI, Right.INITIATE));
        assertThrows(NotAllowed.class, () -> keys.require("Bearer " + KARI, Right.STATUS));
        assertThrows(NotAllowed.class, () -> keys.require("Bearer " + OLA, Right.CAPTURE));
    }

    @Test
    void anythingButAKnownBearerKeyIsNotAuthenticated() {
        for (String header : new String[]{null, "", "Bearer ", SHOP, "Basic " + SHOP, "Bearer " + SHOP + "x",
                "Bearer " + SHOP.substring(1), "Bearer  " + SHOP}) {
            assertTrue(keys.identify(header).isEmpty(), String.valueOf(header));
            assertThrows(NotAuthenticated.class, () -> keys.require(header, Right.CAPTURE), String.valueOf(header));
        }
    }

    @Test
    void everyKeyMustHaveThirtyTwoCharactersOrTheFunctionDoesNotStart() {
        for (String name : new String[]{"vcl.shop-api-key", "vcl.shop-api-key-next", "vcl.staff.kari.api-key"}) {
            Map<String, String> entries = entries();
            entries.put(name, "x".repeat(ApiKeys.MIN_KEY_LENGTH - 1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ApiKeys.fixed(entries));
            assertEquals("configuration '" + name + "' must be at least 32 characters long (generate one with: "
                    + "openssl rand -base64 32)", e.getMessage());
        }
    }

    @Test
    void misconfiguredStaffStopsTheStartWithAMessageNamingIt() {
        Map<String, String> noRights = entries();
        noRights.remove("vcl.staff.ola.rights");
        assertTrue(assertThrows(IllegalStateException.class, () -> ApiKeys.fixed(noRights)).getMessage()
                .contains("'vcl.staff.ola.api-key' needs 'vcl.staff.ola.rights'"));

        Map<String, String> unknownRight = entries();
        unknownRight.put("vcl.staff.ola.rights", "support,delete-everything");
        assertTrue(assertThrows(IllegalStateException.class, () -> ApiKeys.fixed(unknownRight)).getMessage()
                .contains("unknown right 'delete-everything'"));

        Map<String, String> shared = entries();
        shared.put("vcl.staff.ola.api-key", KARI);
        assertTrue(assertThrows(IllegalStateException.class, () -> ApiKeys.fixed(shared)).getMessage()
                .contains("two callers share one API key"));

        Map<String, String> shopAsStaff = entries();
        shopAsStaff.put("vcl.staff.shop.api-key", "staff-key-shop-0123456789abcdef0123");
        shopAsStaff.put("vcl.staff.shop.rights", "operations");
        assertThrows(IllegalStateException.class, () -> ApiKeys.fixed(shopAsStaff));

        assertThrows(IllegalStateException.class, () -> ApiKeys.fixed(Map.of()), "no key at all");
    }

    @Test
    void aRevokedKeyStopsWorkingWithinTheRefreshTimeWithoutASleep() {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-29T12:00:00Z"));
        AtomicReference<Map<String, String>> secret = new AtomicReference<>(entries());
        AtomicInteger reads = new AtomicInteger();
        ApiKeys reloading = ApiKeys.reloading(entries(), () -> {
            reads.incrementAndGet();
            return Map.copyOf(secret.get());
        }, clock);
        assertEquals("kari", reloading.require("Bearer " + KARI, Right.REFUND).id());

        Map<String, String> revoked = entries();
        revoked.remove("vcl.staff.kari.api-key");
        revoked.remove("vcl.staff.kari.rights");
        secret.set(revoked);
        clock.advance(ApiKeys.REFRESH_EVERY.minusSeconds(1));
        assertTrue(reloading.identify("Bearer " + KARI).isPresent(), "read less than a refresh ago: still known");
        assertEquals(0, reads.get(), "no re-read before its time");

        clock.advance(Duration.ofSeconds(1));
        assertTrue(reloading.identify("Bearer " + KARI).isEmpty(), "revoked within " + ApiKeys.REFRESH_EVERY);
        assertEquals(1, reads.get());
        assertTrue(reloading.identify("Bearer " + OLA).isPresent());
        assertEquals(1, reads.get(), "one read per refresh, not per request");
    }

    @Test
    void aRotatedShopKeyWorksBesideTheOldOneUntilTheOldIsRemoved() {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-29T12:00:00Z"));
        AtomicReference<Map<String, String>> secret = new AtomicReference<>(entries());
        ApiKeys reloading = ApiKeys.reloading(entries(), () -> Map.copyOf(secret.get()), clock);

        Map<String, String> both = entries();
        both.put("vcl.shop-api-key-next", SHOP_NEXT);
        secret.set(both);
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertEquals("shop", reloading.require("Bearer " + SHOP_NEXT, Right.INITIATE).id());
        assertEquals("shop", reloading.require("Bearer " + SHOP, Right.INITIATE).id());

        Map<String, String> rotated = entries();
        rotated.put("vcl.shop-api-key", SHOP_NEXT);
        secret.set(rotated);
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertEquals("shop", reloading.require("Bearer " + SHOP_NEXT, Right.INITIATE).id());
        assertFalse(reloading.identify("Bearer " + SHOP).isPresent(), "the old key is gone");
    }

    @Test
    void aFailedReReadKeepsTheKeysAndTriesAgainSoon() {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-29T12:00:00Z"));
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>(
                new IllegalStateException("Secrets Manager unreachable"));
        ApiKeys reloading = ApiKeys.reloading(entries(), () -> {
            reads.incrementAndGet();
            if (failure.get() != null) {
                throw failure.get();
            }
            return Map.of("vcl.shop-api-key", SHOP_NEXT);
        }, clock);
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertTrue(reloading.identify("Bearer " + KARI).isPresent(), "the keys read before stay in use");
        assertEquals(1, reads.get());
        clock.advance(Duration.ofSeconds(10).minusSeconds(1));
        reloading.identify("Bearer " + KARI);
        assertEquals(1, reads.get(), "not retried on every request");
        failure.set(null);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(reloading.identify("Bearer " + KARI).isEmpty());
        assertTrue(reloading.identify("Bearer " + SHOP_NEXT).isPresent());

        Map<String, String> tooShort = Map.of("vcl.shop-api-key", "short");
        ApiKeys misconfigured = ApiKeys.reloading(entries(), () -> tooShort, clock);
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertTrue(misconfigured.identify("Bearer " + KARI).isPresent(), "a bad new reading is not taken over");
    }
}

package io.github.vcl.vipps.token;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTokenCacheTest {

    private static final String MSN = "123456";

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger fetches = new AtomicInteger();

    private AccessToken newToken() {
        int n = fetches.incrementAndGet();
        return new AccessToken("token-" + n, clock.instant(), clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void fiftyConcurrentCallersOnAColdCacheCauseExactlyOneFetch() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AccessTokenCache cache = new AccessTokenCache(msn -> {
            try {
                Thread.sleep(100); // a slow token endpoint widens the race window
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return newToken();
        }, clock);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(MSN);
                }));
            }
            start.countDown();
            AccessToken first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<AccessToken> f : results) {
                assertSame(first, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void callersQueuedBehindAFailedFetchShareItsErrorInsteadOfFetchingAgain() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AccessTokenCache cache = new AccessTokenCache(msn -> {
            fetches.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("token endpoint down");
        }, clock);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(MSN);
                }));
            }
            start.countDown();
            for (Future<AccessToken> f : results) {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> f.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof IllegalStateException);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
        clock.now = clock.now.plus(AccessTokenCache.FAILED_FETCH_HOLD);
        assertThrows(IllegalStateException.class, () -> cache.get(MSN));
        assertEquals(2, fetches.get(), "tries again after the hold");
    }

    @Test
    void reusesAFreshTokenAndRefreshesAheadOfExpiry() {
        AccessTokenCache cache = new AccessTokenCache(msn -> newToken(), clock);
        AccessToken first = cache.get(MSN);
        clock.now = clock.now.plus(Duration.ofMinutes(50));
        assertSame(first, cache.get(MSN));
        clock.now = clock.now.plus(Duration.ofMinutes(6)); // 4 minutes before expiry: inside the 5 min margin
        AccessToken second = cache.get(MSN);
        assertNotSame(first, second);
        assertEquals(2, fetches.get());
    }

    @Test
    void keepsUsingAValidTokenWhenTheEarlyRefreshFails() {
        AtomicInteger calls = new AtomicInteger();
        AccessTokenCache cache = new AccessTokenCache(msn -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("token endpoint down");
            }
            return newToken();
        }, clock);
        AccessToken first = cache.get(MSN);
        clock.now = clock.now.plus(Duration.ofMinutes(57));
        assertSame(first, cache.get(MSN));
        clock.now = clock.now.plus(Duration.ofMinutes(4)); // expired now
        assertThrows(IllegalStateException.class, () -> cache.get(MSN));
    }

    @Test
    void invalidateDropsTheRejectedTokenOnlyOnce() {
        AccessTokenCache cache = new AccessTokenCache(msn -> newToken(), clock);
        AccessToken rejected = cache.get(MSN);
        cache.invalidate(MSN, rejected);
        AccessToken replacement = cache.get(MSN);
        assertNotSame(rejected, replacement);
        cache.invalidate(MSN, rejected); // a second caller that also saw the 401 must not drop the new token
        assertSame(replacement, cache.get(MSN));
        assertEquals(2, fetches.get());
    }

    @Test
    void tokensAreCachedPerMerchantSerialNumber() {
        AccessTokenCache cache = new AccessTokenCache(msn -> newToken(), clock);
        assertNotSame(cache.get("111111"), cache.get("222222"));
        assertEquals(2, fetches.get());
    }

    @Test
    void readsExpiryFromStringFields() {
        Instant now = clock.instant();
        AccessToken fromExpiresIn = AccessToken.from(new AccessTokenResponse("Bearer", "3600", "3600",
                String.valueOf(now.getEpochSecond() + 999), "0", "res", "jwt"), now);
        assertEquals(now.plusSeconds(3600), fromExpiresIn.expiresAt());
        assertEquals(now.plusSeconds(3600 - 300), fromExpiresIn.refreshAt());
        assertEquals("Bearer jwt", fromExpiresIn.authorizationHeader());

        AccessToken fromExpiresOn = AccessToken.from(new AccessTokenResponse("Bearer", null, null,
                String.valueOf(now.getEpochSecond() + 600), null, null, "jwt"), now);
        assertEquals(now.plusSeconds(600), fromExpiresOn.expiresAt());

        AccessToken shortLived = AccessToken.from(new AccessTokenResponse("Bearer", "60", null, null, null, null,
                "jwt"), now);
        assertEquals(now.plusSeconds(30), shortLived.refreshAt(), "margin is at most half the lifetime");
        assertTrue(shortLived.isFresh(now));
    }

    @Test
    void tokenValuesNeverAppearInToString() {
        AccessToken token = new AccessToken("secret-jwt", clock.instant(), clock.instant().plusSeconds(60));
        assertFalse(token.toString().contains("secret-jwt"));
        assertFalse(new AccessTokenResponse("Bearer", "1", "1", "1", "1", "r", "secret-jwt").toString()
                .contains("secret-jwt"));
    }
}

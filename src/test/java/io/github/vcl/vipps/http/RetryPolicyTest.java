package io.github.vcl.vipps.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(2);

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(3, BASE, CAP, () -> random);
    }

    @Test
    void retriesNetworkErrors5xxLockedAndRateLimited() {
        for (int status : new int[] {RetryPolicy.NO_RESPONSE, 500, 502, 503, 504, 423, 429}) {
            assertTrue(policy(0.5).delayBeforeNextAttempt(1, status, Optional.empty()).isPresent(), "" + status);
        }
    }

    @Test
    void neverRetriesOtherClientErrors() {
        for (int status : new int[] {400, 401, 403, 404, 409, 422}) {
            assertFalse(policy(0.5).delayBeforeNextAttempt(1, status, Optional.empty()).isPresent(), "" + status);
        }
    }

    @Test
    void stopsAfterMaxAttempts() {
        RetryPolicy p = policy(0.5);
        assertTrue(p.delayBeforeNextAttempt(2, 500, Optional.empty()).isPresent());
        assertFalse(p.delayBeforeNextAttempt(3, 500, Optional.empty()).isPresent());
    }

    @Test
    void backoffGrowsExponentiallyWithEqualJitterAndIsCapped() {
        // random 0 -> half of the exponential delay, random 1 -> all of it
        assertEquals(Duration.ofMillis(100), policy(0.0).backoff(1));
        assertEquals(Duration.ofMillis(200), policy(1.0).backoff(1));
        assertEquals(Duration.ofMillis(200), policy(0.0).backoff(2));
        assertEquals(Duration.ofMillis(400), policy(1.0).backoff(2));
        assertEquals(CAP, policy(1.0).backoff(10));
        assertEquals(CAP, policy(1.0).backoff(64));
        assertEquals(CAP.dividedBy(2), policy(0.0).backoff(40));
    }

    @Test
    void honoursRetryAfterUpToTheCap() {
        assertEquals(Optional.of(Duration.ofSeconds(1)),
                policy(0.5).delayBeforeNextAttempt(1, 429, Optional.of(Duration.ofSeconds(1))));
        // longer than we may block a Lambda: give up, the exception carries Retry-After
        assertFalse(policy(0.5).delayBeforeNextAttempt(1, 429, Optional.of(Duration.ofSeconds(30))).isPresent());
    }

    @Test
    void parsesRetryAfterSecondsAndHttpDate() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(5)), RetryPolicy.parseRetryAfter("5", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 10:00:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("-3", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
    }
}

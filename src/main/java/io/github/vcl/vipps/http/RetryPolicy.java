package io.github.vcl.vipps.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to repeat a Vipps call, and after how long. Only where repeating is safe: no answer at all (network
 * error, timeout), 5xx, 423 (locked) and 429 (rate limited). Never other 4xx: the same request would fail again,
 * and a 4xx stays a 4xx for that Idempotency-Key. The caller repeats with the identical request and key.
 * <p>
 * Wait: the server's {@code Retry-After} if given (if it is longer than {@code maxDelay} we give up instead of
 * blocking a Lambda), otherwise capped exponential backoff with "equal jitter": half fixed, half random.
 */
public final class RetryPolicy {

    /** Marks "no HTTP answer" in {@link #delayBeforeNextAttempt}. */
    public static final int NO_RESPONSE = 0;

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final DoubleSupplier random;

    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = Objects.requireNonNull(baseDelay);
        this.maxDelay = Objects.requireNonNull(maxDelay);
        this.random = Objects.requireNonNull(random);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public static boolean isRetryableStatus(int status) {
        return status == NO_RESPONSE || status >= 500 || status == 423 || status == 429;
    }

    /**
     * @param failedAttempt the attempt that just failed, 1-based
     * @param status        its HTTP status, or {@link #NO_RESPONSE}
     * @param retryAfter    the server's Retry-After, if any
     * @return how long to wait before the next attempt, or empty to give up
     */
    public Optional<Duration> delayBeforeNextAttempt(int failedAttempt, int status, Optional<Duration> retryAfter) {
        if (failedAttempt >= maxAttempts || !isRetryableStatus(status)) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            Duration wait = retryAfter.get();
            return wait.compareTo(maxDelay) > 0 ? Optional.empty() : Optional.of(wait);
        }
        return Optional.of(backoff(failedAttempt));
    }

    Duration backoff(int failedAttempt) {
        long base = Math.max(0, baseDelay.toMillis());
        int shift = Math.min(failedAttempt - 1, 30);
        long exponential = Math.min(maxDelay.toMillis(), base << shift);
        if (exponential < 0) { // overflow
            exponential = maxDelay.toMillis();
        }
        long half = exponential / 2;
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(half + Math.round(r * (exponential - half)));
    }

    /** Parses {@code Retry-After}: delta-seconds or an HTTP date. Empty if absent or unreadable. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}

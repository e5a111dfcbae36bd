package io.github.vcl.local.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Per-reference sliding one-minute windows, as Vipps counts them (docs/vipps-rules.md#epayment). */
final class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, Deque<Instant>> callsByKey = new HashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call; when the limit is already reached, answers how long the caller must wait instead. */
    synchronized Optional<Duration> tryAcquire(String key, int limitPerWindow) {
        Instant now = clock.instant();
        Deque<Instant> calls = callsByKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!calls.isEmpty() && !calls.peekFirst().plus(WINDOW).isAfter(now)) {
            calls.removeFirst();
        }
        if (calls.size() >= limitPerWindow) {
            return Optional.of(Duration.between(now, calls.peekFirst().plus(WINDOW)));
        }
        calls.addLast(now);
        return Optional.empty();
    }
}

package io.github.vcl.config;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from a secret store and read again at most {@link #EVERY} after the last reading, so a changed secret
 * (a revoked API key, a rotated webhook secret) takes effect in a running function without a redeployment. A failed
 * re-read keeps the value read before and is tried again {@link #RETRY_AFTER_FAILED_READ} later; a value that fails
 * its own checks counts as a failed read.
 */
public final class Refreshing<T> {
    public static final Duration EVERY = Duration.ofSeconds(60);
    static final Duration RETRY_AFTER_FAILED_READ = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(Refreshing.class);

    private final String what;
    private final Supplier<T> read;
    private final Clock clock;
    private volatile T current;
    private volatile Instant nextRead;

    private Refreshing(String what, T initial, Supplier<T> read, Clock clock) {
        this.what = what;
        this.current = initial;
        this.read = read;
        this.clock = clock;
        this.nextRead = read == null ? Instant.MAX : clock.instant().plus(EVERY);
    }

    /** A value that never changes while the function runs (configuration without a secret store). */
    public static <T> Refreshing<T> fixed(T value) {
        return new Refreshing<>("", value, null, Clock.systemUTC());
    }

    /** {@code initial} now, and {@code read} again every {@link #EVERY}; {@code what} names it in the log. */
    public static <T> Refreshing<T> every(String what, T initial, Supplier<T> read, Clock clock) {
        return new Refreshing<>(what, initial, read, clock);
    }

    public T get() {
        if (clock.instant().isBefore(nextRead)) {
            return current;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(nextRead)) {
                return current;
            }
            try {
                current = read.get();
                nextRead = now.plus(EVERY);
            } catch (RuntimeException e) {
                LOG.warnf("re-reading the %s failed, the ones read before stay in use: %s", what, e.getMessage());
                nextRead = now.plus(RETRY_AFTER_FAILED_READ);
            }
            return current;
        }
    }
}

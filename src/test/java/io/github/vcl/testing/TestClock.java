package io.github.vcl.testing;

import io.github.vcl.local.simulator.AdjustableClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock in tests that move time by hand (key refresh, reconcile cadence): it starts at the real
 * time and only moves forward when told. Enabled per profile ({@code getEnabledAlternatives}). It reads one clock per
 * test JVM, {@link #shared()}, which a world may hand to the Vipps simulator too ({@code CheckoutWorld}), so that the
 * two agree on the time — webhook dates, token and payment expiry.
 */
@Alternative
@Singleton
public class TestClock extends Clock {
    private static final AdjustableClock SHARED = AdjustableClock.startingNow();

    public static AdjustableClock shared() {
        return SHARED;
    }

    public void advance(Duration duration) {
        SHARED.advance(duration);
    }

    @Override
    public Instant instant() {
        return SHARED.instant();
    }

    @Override
    public ZoneId getZone() {
        return SHARED.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return SHARED.withZone(zone);
    }
}

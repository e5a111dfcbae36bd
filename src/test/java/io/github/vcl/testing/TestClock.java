package io.github.vcl.testing;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests that move time by hand (key refresh, reconcile cadence): it starts at the real
 * time and only moves forward when told. Enabled per profile ({@code getEnabledAlternatives}).
 */
@Alternative
@Singleton
public class TestClock extends Clock {
    private volatile Instant now = Instant.now();

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

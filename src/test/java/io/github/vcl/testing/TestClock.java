package io.github.vcl.testing;

import io.github.vcl.local.simulator.AdjustableClock;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The application's clock in tests that move time by hand (key refresh, reconcile cadence): it starts at the real
 * time and only moves forward when told. Enabled per profile ({@code getEnabledAlternatives}).
 */
@Alternative
@Singleton
public class TestClock extends AdjustableClock {
    public TestClock() {
        super(Instant.now());
    }
}

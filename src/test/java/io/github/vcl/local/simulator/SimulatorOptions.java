package io.github.vcl.local.simulator;

import java.time.Clock;
import java.time.Duration;

/**
 * Knobs of the simulated world. Defaults follow the Vipps test environment (docs/vipps-rules.md#access-token,
 * #checkout-sessions, #epayment, #amounts-and-limits); delivery retries are short so tests stay fast.
 *
 * @param clock                  time source for token, session, payment and rate-limit expiry
 * @param tokenLifetime          access token lifetime (1 h in the Vipps test environment)
 * @param sessionTtl             Checkout session lifetime
 * @param paymentExpiry          how long an ePayment payment waits for the customer before EXPIRED
 * @param modificationsPerMinute create/capture/refund/cancel calls allowed per reference per minute
 * @param readsPerMinute         GET payment/event log calls allowed per reference per minute
 * @param deliveryRetries        retries of a callback or webhook after the first failed attempt
 * @param deliveryBackoff        wait before the first retry; doubles for each further retry
 * @param deliveryTimeout        how long a receiver may take to answer before the attempt counts as failed
 * @param deliveryLanes          deliveries to one URL (one payment) go out in order on one of this many lanes; more
 *                               lanes let deliveries for different payments proceed in parallel, as at Vipps
 */
public record SimulatorOptions(Clock clock, Duration tokenLifetime, Duration sessionTtl, Duration paymentExpiry,
        int modificationsPerMinute, int readsPerMinute, int deliveryRetries, Duration deliveryBackoff,
        Duration deliveryTimeout, int deliveryLanes) {

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofMinutes(10), 5, 120, 3, Duration.ofMillis(50), Duration.ofSeconds(2), 1);
    }

    public SimulatorOptions withDeliveryLanes(int value) {
        return new SimulatorOptions(clock, tokenLifetime, sessionTtl, paymentExpiry, modificationsPerMinute,
                readsPerMinute, deliveryRetries, deliveryBackoff, deliveryTimeout, value);
    }

    public SimulatorOptions withClock(Clock value) {
        return new SimulatorOptions(value, tokenLifetime, sessionTtl, paymentExpiry, modificationsPerMinute,
                readsPerMinute, deliveryRetries, deliveryBackoff, deliveryTimeout, deliveryLanes);
    }

    public SimulatorOptions withTokenLifetime(Duration value) {
        return new SimulatorOptions(clock, value, sessionTtl, paymentExpiry, modificationsPerMinute, readsPerMinute,
                deliveryRetries, deliveryBackoff, deliveryTimeout, deliveryLanes);
    }

    public SimulatorOptions withSessionTtl(Duration value) {
        return new SimulatorOptions(clock, tokenLifetime, value, paymentExpiry, modificationsPerMinute,
                readsPerMinute, deliveryRetries, deliveryBackoff, deliveryTimeout, deliveryLanes);
    }

    public SimulatorOptions withPaymentExpiry(Duration value) {
        return new SimulatorOptions(clock, tokenLifetime, sessionTtl, value, modificationsPerMinute, readsPerMinute,
                deliveryRetries, deliveryBackoff, deliveryTimeout, deliveryLanes);
    }

    public SimulatorOptions withRateLimits(int modifications, int reads) {
        return new SimulatorOptions(clock, tokenLifetime, sessionTtl, paymentExpiry, modifications, reads,
                deliveryRetries, deliveryBackoff, deliveryTimeout, deliveryLanes);
    }

    public SimulatorOptions withDeliveryRetries(int retries, Duration backoff, Duration timeout) {
        return new SimulatorOptions(clock, tokenLifetime, sessionTtl, paymentExpiry, modificationsPerMinute,
                readsPerMinute, retries, backoff, timeout, deliveryLanes);
    }
}

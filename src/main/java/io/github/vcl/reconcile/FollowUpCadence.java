package io.github.vcl.reconcile;

import io.github.vcl.order.Order;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the reconciler reads again an authorized order whose reservation is open ({@link Order#reservationOpen}), so
 * that a capture, refund or cancel made in the Vipps portal reaches our totals. Without webhooks: soon after the
 * authorization, then less and less often, at most every {@code longest} ({@link Order#nextFollowUp}). With Vipps'
 * webhooks registered, such a change arrives within seconds, and a look every {@code withWebhooks} only catches a
 * delivery Vipps gave up on.
 */
public record FollowUpCadence(Duration longest, Optional<Duration> withWebhooks) {

    public Instant next(Order order, Instant now) {
        return withWebhooks.map(now::plus).orElseGet(() -> order.nextFollowUp(now, longest));
    }
}

package io.github.vcl.order;

import java.time.Instant;
import java.util.Objects;

/**
 * One applied change: what happened, the amount it moved (if any), who told us, Vipps' pspReference (if known), and
 * a short detail for staff (an idempotency key, an error code, a reason).
 */
public record HistoryEntry(Instant at, HistoryEvent event, Source source, Money amount, String pspReference,
                           String detail) {
    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
    }
}

package io.github.vcl.support;

import io.github.vcl.order.HistoryEntry;
import io.github.vcl.vipps.epayment.model.PaymentEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Our history and Vipps' event log in one list, oldest first. At equal times our entry comes first: we record an
 * operation before Vipps can log it.
 */
final class Timeline {
    private Timeline() {
    }

    static List<TimelineEntry> merge(List<HistoryEntry> ours, List<PaymentEvent> vipps) {
        List<TimelineEntry> all = new ArrayList<>();
        for (HistoryEntry e : ours) {
            all.add(new TimelineEntry(e.at(), TimelineEntry.Origin.BACKEND, e.event().name(),
                    e.amount() == null ? null : e.amount().minor(), e.source().name(), null, e.pspReference(),
                    e.detail()));
        }
        for (PaymentEvent e : vipps) {
            all.add(new TimelineEntry(e.timestamp() == null ? Instant.EPOCH : e.timestamp().toInstant(),
                    TimelineEntry.Origin.VIPPS, e.name() == null ? "UNKNOWN" : e.name().name(),
                    e.amount() == null ? null : e.amount().value(), null, e.success(), e.pspReference(),
                    e.idempotencyKey() == null ? null : "Idempotency-Key " + e.idempotencyKey()));
        }
        all.sort(Comparator.comparing(TimelineEntry::at));
        return all;
    }
}

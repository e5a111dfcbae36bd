package io.github.vcl.local.simulator.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Faults planned for outgoing callbacks or webhooks: the next deliveries dropped, doubled, reordered or late. Counts
 * what it did, by kind.
 */
public final class DeliveryFaults {

    private int toDrop;
    private int toDuplicate;
    private int toHold;
    private int toDelay;
    private Duration delay = Duration.ZERO;
    private final List<Object> held = new ArrayList<>();
    private final Map<String, Long> applied = new TreeMap<>();
    private final Set<String> silenced = new HashSet<>();

    /** The next {@code count} deliveries are never sent. */
    public synchronized DeliveryFaults dropNext(int count) {
        toDrop += count;
        return this;
    }

    /** No delivery about {@code reference} is ever sent: that payment's outcome can only be learned by asking. */
    public synchronized DeliveryFaults dropAllFor(String reference) {
        silenced.add(reference);
        return this;
    }

    /** Whether a delivery with this body names a silenced payment. */
    synchronized boolean silenced(String body) {
        return silenced.stream().anyMatch(reference -> body.contains("\"" + reference + "\""));
    }

    /** The next {@code count} deliveries are sent twice. */
    public synchronized DeliveryFaults duplicateNext(int count) {
        toDuplicate += count;
        return this;
    }

    /** The next {@code count} deliveries are held back and then sent newest first. */
    public synchronized DeliveryFaults reorderNext(int count) {
        toHold += count;
        return this;
    }

    /** The next {@code count} deliveries are sent {@code by} later than they happened (later ones may pass them). */
    public synchronized DeliveryFaults delayNext(int count, Duration by) {
        toDelay += count;
        delay = by;
        return this;
    }

    /** What was done so far: {@code dropped}, {@code duplicated}, {@code reordered}, {@code delayed}. */
    public synchronized Map<String, Long> applied() {
        return new TreeMap<>(applied);
    }

    /** Forgets what is still planned; deliveries held back for reordering are handed back to be sent now. */
    synchronized <T> List<T> clear() {
        toDrop = 0;
        toDuplicate = 0;
        toHold = 0;
        toDelay = 0;
        @SuppressWarnings("unchecked")
        List<T> release = (List<T>) new ArrayList<>(held);
        held.clear();
        return release;
    }

    /** How late the next delivery is to be sent; zero for on time. */
    synchronized Duration takeDelay() {
        if (toDelay == 0) {
            return Duration.ZERO;
        }
        toDelay--;
        count("delayed");
        return delay;
    }

    /** Which deliveries to send now, in order, for one delivery the simulator wants to make. */
    synchronized <T> List<T> apply(T delivery) {
        if (toDrop > 0) {
            toDrop--;
            count("dropped");
            return List.of();
        }
        List<T> now = new ArrayList<>(List.of(delivery));
        if (toDuplicate > 0) {
            toDuplicate--;
            count("duplicated");
            now.add(delivery);
        }
        if (toHold == 0) {
            return now;
        }
        held.addAll(now);
        toHold--;
        count("reordered");
        if (toHold > 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<T> release = (List<T>) new ArrayList<>(held);
        held.clear();
        Collections.reverse(release);
        return release;
    }

    private void count(String kind) {
        applied.merge(kind, 1L, Long::sum);
    }
}

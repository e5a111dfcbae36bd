package io.github.vcl.local.simulator.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Faults planned for outgoing callbacks or webhooks: the next deliveries dropped, doubled or reordered. */
public final class DeliveryFaults {

    private int toDrop;
    private int toDuplicate;
    private int toHold;
    private final List<Object> held = new ArrayList<>();
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

    /** Which deliveries to send now, in order, for one delivery the simulator wants to make. */
    synchronized <T> List<T> apply(T delivery) {
        if (toDrop > 0) {
            toDrop--;
            return List.of();
        }
        List<T> now = new ArrayList<>(List.of(delivery));
        if (toDuplicate > 0) {
            toDuplicate--;
            now.add(delivery);
        }
        if (toHold == 0) {
            return now;
        }
        held.addAll(now);
        toHold--;
        if (toHold > 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<T> release = (List<T>) new ArrayList<>(held);
        held.clear();
        Collections.reverse(release);
        return release;
    }
}

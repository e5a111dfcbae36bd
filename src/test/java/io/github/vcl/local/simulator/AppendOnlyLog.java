package io.github.vcl.local.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulator records (requests, deliveries), oldest first: appending costs the same however much is recorded
 * (a benchmark records hundreds of thousands of requests), reading returns a copy.
 */
final class AppendOnlyLog<T> {
    private final List<T> entries = new ArrayList<>();

    synchronized void add(T entry) {
        entries.add(entry);
    }

    synchronized List<T> all() {
        return List.copyOf(entries);
    }
}

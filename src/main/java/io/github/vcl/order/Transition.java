package io.github.vcl.order;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The result of offering a signal to an order: {@code APPLIED} (a new order and the history entries to append),
 * {@code UNCHANGED} (a duplicate or stale signal: nothing to write) or {@code REJECTED} (impossible; the reason says
 * why, in words fit for staff).
 */
public record Transition(Outcome outcome, Order order, List<HistoryEntry> added, String reason) {

    public enum Outcome { APPLIED, UNCHANGED, REJECTED }

    public Transition {
        added = List.copyOf(added);
    }

    /** The start of a chain of signals: nothing decided yet. */
    public static Transition none(Order order) {
        return new Transition(Outcome.UNCHANGED, order, List.of(), "no signal");
    }

    static Transition applied(Order order, List<HistoryEntry> added) {
        return new Transition(Outcome.APPLIED, order, added, null);
    }

    static Transition unchanged(Order order, String reason) {
        return new Transition(Outcome.UNCHANGED, order, List.of(), reason);
    }

    static Transition rejected(Order order, String reason) {
        return new Transition(Outcome.REJECTED, order, List.of(), reason);
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }

    /** Offers a second signal to the order this one produced; a rejection stops the chain. */
    public Transition andThen(Function<Order, Transition> next) {
        if (rejected()) {
            return this;
        }
        Transition second = next.apply(order);
        if (second.rejected()) {
            return second;
        }
        if (!applied()) {
            return second;
        }
        if (!second.applied()) {
            return this;
        }
        List<HistoryEntry> all = new ArrayList<>(added);
        all.addAll(second.added);
        return applied(second.order, all);
    }
}

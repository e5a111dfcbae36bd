package io.github.vcl.store;

import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Transition;

import java.util.Optional;
import java.util.function.Function;

/**
 * Read, decide, write conditionally — and on a version conflict read again and decide again. The one place a signal
 * meets the store, so every caller gets the same "duplicates and races are harmless" behaviour.
 */
public class OrderUpdater {
    static final int MAX_ATTEMPTS = 8;

    private final OrderStore store;

    public OrderUpdater(OrderStore store) {
        this.store = store;
    }

    /** The order after the signal, with the transition that was decided on the version that got written. */
    public record Updated(Order order, Transition transition) {
    }

    /** Empty when no order has this reference. */
    public Optional<Updated> update(Reference reference, Function<Order, Transition> decide) {
        for (int attempt = 1; ; attempt++) {
            Optional<Order> current = store.find(reference);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<Updated> done = tryApply(current.get(), decide);
            if (done.isPresent()) {
                return done;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("order " + reference + " kept changing under " + MAX_ATTEMPTS
                        + " attempts to update it");
            }
        }
    }

    /** Applies the signal to an order already read; empty when someone else wrote it first. */
    public Optional<Updated> tryApply(Order current, Function<Order, Transition> decide) {
        Transition transition = decide.apply(current);
        if (!transition.applied()) {
            return Optional.of(new Updated(current, transition));
        }
        try {
            return Optional.of(new Updated(store.apply(transition), transition));
        } catch (VersionConflictException raced) {
            return Optional.empty();
        }
    }
}

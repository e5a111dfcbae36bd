package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.observe.LogContext;
import io.github.vcl.order.InvalidOrderException;
import io.github.vcl.order.Reference;
import io.github.vcl.refusal.NotFound;

/**
 * The {@code {reference}} path parameter; one that cannot be a reference is simply not found. A valid one is what the
 * rest of the invocation is about: its log lines carry it.
 */
final class References {
    private References() {
    }

    static Reference fromPath(HttpApiEvent event) {
        String value = event.pathParameter("reference").orElse("");
        try {
            Reference reference = Reference.of(value);
            LogContext.reference(reference.value());
            return reference;
        } catch (InvalidOrderException e) {
            throw new NotFound("No order has reference '" + value + "'.");
        }
    }
}

package io.github.vcl.store;

import io.github.vcl.order.Reference;

/** An order with this reference exists already; nothing was written. */
public class ReferenceTakenException extends RuntimeException {
    public ReferenceTakenException(Reference reference) {
        super("an order with reference " + reference + " exists already");
    }
}

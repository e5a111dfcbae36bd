package io.github.vcl.store;

import io.github.vcl.order.Reference;

/** Another writer changed the order since it was read; nothing was written. Re-read and decide again. */
public class VersionConflictException extends RuntimeException {
    public VersionConflictException(Reference reference, long expectedVersion) {
        super("order " + reference + " is no longer at version " + expectedVersion);
    }
}

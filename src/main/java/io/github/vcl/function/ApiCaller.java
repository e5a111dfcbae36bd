package io.github.vcl.function;

import java.util.Set;

/** Who called the operations or support API, and what they may do; {@code id} is recorded with operations. */
public record ApiCaller(String id, Set<Right> rights) {
    public enum Right {
        /** Capture, refund, cancel. */
        OPERATIONS,
        /** Search orders and see one with the customer's details. */
        SUPPORT
    }

    public ApiCaller {
        rights = Set.copyOf(rights);
    }
}

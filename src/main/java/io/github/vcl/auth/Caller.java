package io.github.vcl.auth;

import java.util.Set;

/** Who sent a request, as its API key says, and what it may do; {@code id} is recorded with its operations. */
public record Caller(String id, Set<Right> rights) {
    public Caller {
        rights = Set.copyOf(rights);
    }

    public boolean may(Right right) {
        return rights.contains(right);
    }
}

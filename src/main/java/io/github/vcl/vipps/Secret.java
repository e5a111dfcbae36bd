package io.github.vcl.vipps;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Objects;

/**
 * A credential (client secret, subscription key, ...). Its {@code toString} never shows the value, so a secret
 * cannot leak through logging a config object, a record or an exception message by accident.
 */
// reflection: SmallRye Config finds the implicit converter of(String) reflectively, also in the native image
@RegisterForReflection
public final class Secret {

    private static final String MASK = "***";

    private final String value;

    private Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        this.value = value;
    }

    /** Also used by SmallRye Config as the implicit converter for {@code Secret} config values. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The raw value; only for putting it into an outgoing HTTP header. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return MASK;
    }
}

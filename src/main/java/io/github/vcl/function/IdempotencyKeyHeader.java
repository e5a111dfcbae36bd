package io.github.vcl.function;

import io.github.vcl.refusal.FieldError;

import java.util.List;
import java.util.Optional;

/**
 * The caller's {@code Idempotency-Key} header on a route that moves money: 1–255 visible ASCII characters (a UUID is
 * typical). The shop server must send one: it retries on its own after a lost answer, and without a key its retry
 * would be a second payment or a second capture. For staff keys it is optional (the staff view sends one per click).
 */
final class IdempotencyKeyHeader {
    static final String NAME = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** The key, if valid; otherwise an entry in {@code errors}. */
    static Optional<String> read(Optional<String> header, boolean required, List<FieldError> errors) {
        if (header.isEmpty()) {
            if (required) {
                errors.add(new FieldError(NAME, "is required: send a new unique key (e.g. a UUID) per action, and "
                        + "the same key again when you retry it"));
            }
            return Optional.empty();
        }
        String key = header.get();
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            errors.add(new FieldError(NAME, "must be 1–" + MAX_LENGTH + " visible ASCII characters"));
            return Optional.empty();
        }
        return header;
    }
}

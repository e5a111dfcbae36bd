package io.github.vcl.order;

import io.github.vcl.crypto.Sha256;

import java.util.HexFormat;

/**
 * The one place Idempotency-Keys are derived. Keys come from our own data (reference, operation, sequence number), so
 * a retry after a crash or timeout sends the same key. Vipps allows at most 50 characters and references may have 50
 * themselves, so the reference enters as a 20-hex-digit SHA-256 prefix: {@code capture-2-3f9a…}.
 */
public final class IdempotencyKeys {
    public static final int MAX_LENGTH = 50;

    private IdempotencyKeys() {
    }

    public static String forOperation(Reference reference, OperationType type, int sequence) {
        return type.keyWord() + "-" + sequence + "-" + digest(reference);
    }

    public static String forSession(Reference reference) {
        return "session-" + digest(reference);
    }

    /** Ending an open attempt before the shop order's next one starts (a cancel of the transaction only). */
    public static String forEnding(Reference reference) {
        return "end-" + digest(reference);
    }

    private static String digest(Reference reference) {
        return HexFormat.of().formatHex(Sha256.of(reference.value()), 0, 10);
    }
}

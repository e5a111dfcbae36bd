package io.github.vcl.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private static String digest(Reference reference) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(reference.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

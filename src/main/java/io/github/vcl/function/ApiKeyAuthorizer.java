package io.github.vcl.function;

import io.github.vcl.vipps.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The API Gateway Lambda authorizer's rule: the request carries {@code Authorization: Bearer <key>} with one of the
 * configured API keys (the shop's, and each staff member's). It only keeps unknown callers away from the functions;
 * the functions still authenticate the key themselves and decide what it may do. Every key is compared, in constant
 * time, whatever matches.
 */
public class ApiKeyAuthorizer {
    private static final String BEARER = "Bearer ";
    private final List<byte[]> digests;

    public ApiKeyAuthorizer(List<Secret> keys) {
        this.digests = keys.stream().map(k -> digest(k.reveal())).toList();
    }

    public boolean isKnown(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()));
        boolean known = false;
        for (byte[] digest : digests) {
            known |= MessageDigest.isEqual(presented, digest);
        }
        return known;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

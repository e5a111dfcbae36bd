package io.github.vcl.function;

import io.github.vcl.vipps.Secret;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The API Gateway Lambda authorizer's rule: the request carries {@code Authorization: Bearer <key>} with one of the
 * configured API keys (the shop's, and each staff member's). It only keeps unknown callers away from the functions;
 * the functions still authenticate the key themselves and decide what it may do. Every key is compared, in constant
 * time, whatever matches.
 */
public class ApiKeyAuthorizer {
    private final List<byte[]> digests;

    public ApiKeyAuthorizer(List<Secret> keys) {
        this.digests = keys.stream().map(k -> BearerKeys.digest(k.reveal())).toList();
    }

    public boolean isKnown(String authorization) {
        Optional<byte[]> presented = BearerKeys.presentedDigest(authorization);
        if (presented.isEmpty()) {
            return false;
        }
        boolean known = false;
        for (byte[] digest : digests) {
            known |= MessageDigest.isEqual(presented.get(), digest);
        }
        return known;
    }
}

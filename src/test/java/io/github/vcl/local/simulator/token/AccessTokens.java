package io.github.vcl.local.simulator.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Issues bearer tokens from {@code POST /accesstoken/get} and checks them on every bearer-authenticated call. */
public final class AccessTokens {

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();

    public AccessTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The AuthorizationTokenResponse; every numeric-looking field is a JSON string, as in the real API. */
    public ObjectNode issue() {
        Instant now = clock.instant();
        Instant expiresOn = now.plus(lifetime);
        String token = FakeJwt.withClaims("{\"iat\":" + now.getEpochSecond() + ",\"exp\":" + expiresOn.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        expiryByToken.put(token, expiresOn);
        return Json.object()
                .put("token_type", "Bearer")
                .put("expires_in", String.valueOf(lifetime.toSeconds()))
                .put("ext_expires_in", String.valueOf(lifetime.toSeconds()))
                .put("expires_on", String.valueOf(expiresOn.getEpochSecond()))
                .put("not_before", String.valueOf(now.getEpochSecond()))
                .put("resource", "00000002-0000-0000-c000-000000000000")
                .put("access_token", token);
    }

    /** True when the header is {@code Bearer <token>} for a token issued here that has not expired. */
    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        Instant expiry = expiryByToken.get(authorizationHeader.substring("Bearer ".length()));
        return expiry != null && clock.instant().isBefore(expiry);
    }
}

package io.github.vcl.vipps.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A bearer token with the time we stop using it ({@code refreshAt}) and the time it stops working. */
public final class AccessToken {

    /** Refresh this long before expiry (at most half the lifetime, for short-lived test tokens). */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    /** Lifetime assumed when the answer carries neither {@code expires_in} nor {@code expires_on}. */
    static final Duration FALLBACK_LIFETIME = Duration.ofMinutes(10);

    private final String value;
    private final Instant expiresAt;
    private final Instant refreshAt;

    public AccessToken(String value, Instant obtainedAt, Instant expiresAt) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty access token");
        }
        this.value = value;
        this.expiresAt = Objects.requireNonNull(expiresAt);
        Duration lifetime = Duration.between(obtainedAt, expiresAt);
        Duration margin = lifetime.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        this.refreshAt = expiresAt.minus(margin.isNegative() ? Duration.ZERO : margin);
    }

    /**
     * Prefers the relative {@code expires_in} (immune to clock skew between us and Vipps), then {@code expires_on}
     * (epoch seconds), then a short fallback.
     */
    public static AccessToken from(AccessTokenResponse response, Instant now) {
        Instant expiresAt = parseLong(response.expiresIn()).map(s -> now.plusSeconds(s))
                .or(() -> parseLong(response.expiresOn()).map(Instant::ofEpochSecond))
                .orElse(now.plus(FALLBACK_LIFETIME));
        return new AccessToken(response.accessToken(), now, expiresAt);
    }

    private static Optional<Long> parseLong(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code Bearer <token>}: the word Bearer is required by Vipps. */
    public String authorizationHeader() {
        return "Bearer " + value;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant refreshAt() {
        return refreshAt;
    }

    public boolean isFresh(Instant now) {
        return now.isBefore(refreshAt);
    }

    public boolean isUsable(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + ", refreshAt=" + refreshAt + ", value=***]";
    }
}

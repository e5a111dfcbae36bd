package io.github.vcl.auth;

import io.github.vcl.config.Refreshing;
import io.github.vcl.refusal.NotAllowed;
import io.github.vcl.refusal.NotAuthenticated;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one key registry: turns an {@code Authorization: Bearer <key>} header into a {@link Caller} with rights. Used
 * by the HTTP API's Lambda authorizer and by every function's own check, so both apply the same rules: the shop key
 * ({@code vcl.shop-api-key}, and {@code vcl.shop-api-key-next} during a rotation) may start payments, read their
 * status and whatever {@code vcl.shop-rights} grants (default: capture and cancel — a stolen shop key cannot
 * refund); each staff member's key ({@code vcl.staff.<id>.api-key}) may what {@code vcl.staff.<id>.rights} says.
 * Every key has at least {@value #MIN_KEY_LENGTH} characters, or the function does not start.
 * <p>
 * Where the keys live in a secret store, they are read again at most {@link #REFRESH_EVERY} after the last reading,
 * so a revoked or rotated key stops working within that time in this function (infra/DEPLOY.md, "Rotating and
 * revoking API keys"). A failed re-read keeps the keys known so far and is tried again shortly.
 */
public final class ApiKeys {
    public static final int MIN_KEY_LENGTH = 32;
    /** The id the shop server's operations are recorded under. */
    public static final String SHOP = "shop";
    public static final Duration REFRESH_EVERY = Refreshing.EVERY;

    private final Refreshing<ApiKeySet> keys;

    private ApiKeys(Refreshing<ApiKeySet> keys) {
        this.keys = keys;
    }

    /** Keys that never change while the function runs (configuration without a secret store: tests, local runs). */
    public static ApiKeys fixed(Map<String, String> entries) {
        return new ApiKeys(Refreshing.fixed(checked(entries)));
    }

    /** Keys read from {@code initial} now and from {@code source} again every {@link #REFRESH_EVERY}. */
    public static ApiKeys reloading(Map<String, String> initial, Supplier<Map<String, String>> source, Clock clock) {
        return new ApiKeys(Refreshing.every("API keys", checked(initial), () -> checked(source.get()), clock));
    }

    /** The caller the header's key belongs to; empty for no, a malformed or an unknown key. */
    public Optional<Caller> identify(String authorization) {
        return keys.get().identify(authorization);
    }

    /** The caller, if its key is known and has {@code right}; {@link NotAuthenticated} or {@link NotAllowed} if not. */
    public Caller require(String authorization, Right right) {
        if (authorization == null || authorization.isBlank()) {
            throw new NotAuthenticated("Send your API key as 'Authorization: Bearer <key>'.");
        }
        Caller caller = identify(authorization).orElseThrow(() -> new NotAuthenticated("This API key is not known."));
        if (!caller.may(right)) {
            throw new NotAllowed("This API key may not " + right.description() + ".");
        }
        return caller;
    }

    private static ApiKeySet checked(Map<String, String> entries) {
        ApiKeySet keys = ApiKeySet.from(entries);
        if (keys.isEmpty()) {
            throw new IllegalStateException("configuration '" + ApiKeySet.SHOP_KEY + "' is not set (and no staff key)");
        }
        return keys;
    }
}

package io.github.vcl.function;

import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.service.ServiceFailure;
import io.github.vcl.vipps.Secret;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates callers of the operations and support APIs by their bearer key: each staff member has their own key
 * and rights ({@code vcl.staff.<id>.*}), and the shop server's key may move money (its server captures on shipping)
 * but not read customers' details. Every configured key is compared, in constant time, whatever matches: a wrong key
 * takes as long as a right one. 401 without a known key, 403 for a key without the right; either way before anything
 * is read or changed.
 */
public class StaffAuthenticator {
    /** The id recorded for operations the shop server asks for. */
    public static final String SHOP = "shop";
    static final int MIN_KEY_LENGTH = 32;

    private record Key(byte[] digest, ApiCaller caller) {
    }

    private final List<Key> keys = new ArrayList<>();

    public StaffAuthenticator(Optional<Secret> shopApiKey, Map<String, BackendConfig.StaffMember> staff) {
        shopApiKey.ifPresent(key -> keys.add(new Key(BearerKeys.digest(key.reveal()),
                new ApiCaller(SHOP, Set.of(ApiCaller.Right.OPERATIONS)))));
        staff.forEach((id, member) -> {
            if (member.apiKey().reveal().length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException("configuration 'vcl.staff." + id + ".api-key' must have at least "
                        + MIN_KEY_LENGTH + " characters");
            }
            keys.add(new Key(BearerKeys.digest(member.apiKey().reveal()), new ApiCaller(id, member.rights())));
        });
    }

    public ApiCaller authenticate(HttpApiEvent event, ApiCaller.Right needed) {
        byte[] presented = BearerKeys.presentedDigest(event).orElseThrow(() -> ServiceFailure.unauthorized(
                "Send your API key as 'Authorization: Bearer <key>'."));
        ApiCaller caller = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(presented, key.digest()) && caller == null) {
                caller = key.caller();
            }
        }
        if (caller == null) {
            throw ServiceFailure.unauthorized("This API key is not known.");
        }
        if (!caller.rights().contains(needed)) {
            throw ServiceFailure.forbidden("This API key may not " + (needed == ApiCaller.Right.OPERATIONS
                    ? "capture, refund or cancel payments." : "look up orders."));
        }
        return caller;
    }
}

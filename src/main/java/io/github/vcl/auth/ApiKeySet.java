package io.github.vcl.auth;

import io.github.vcl.crypto.Sha256;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of the configured API keys, checked as a whole: every key at least {@value ApiKeys#MIN_KEY_LENGTH}
 * characters, every staff key with rights, no key given twice. Keys are kept as SHA-256 digests only.
 */
final class ApiKeySet {
    static final String SHOP_KEY = "vcl.shop-api-key";
    static final String SHOP_KEY_NEXT = "vcl.shop-api-key-next";
    static final String SHOP_RIGHTS = "vcl.shop-rights";
    static final String SHOP_RIGHTS_DEFAULT = "capture,cancel";
    private static final Pattern STAFF = Pattern.compile("vcl\\.staff\\.([^.]+)\\.(api-key|rights)");
    private static final String BEARER = "bearer ";

    private record Key(byte[] digest, Caller caller) {
    }

    private final List<Key> keys;

    private ApiKeySet(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** From configuration names and values ({@code vcl.shop-api-key}, {@code vcl.staff.<id>.api-key}, …). */
    static ApiKeySet from(Map<String, String> entries) {
        List<Key> keys = new ArrayList<>();
        Set<Right> shopRights = EnumSet.of(Right.INITIATE, Right.STATUS);
        shopRights.addAll(Right.parse(SHOP_RIGHTS, entries.getOrDefault(SHOP_RIGHTS, SHOP_RIGHTS_DEFAULT)));
        Caller shop = new Caller(ApiKeys.SHOP, shopRights);
        for (String name : List.of(SHOP_KEY, SHOP_KEY_NEXT)) {
            Optional.ofNullable(entries.get(name)).ifPresent(key -> keys.add(new Key(digest(name, key), shop)));
        }
        Map<String, Map<String, String>> staff = new TreeMap<>();
        entries.forEach((name, value) -> {
            Matcher m = STAFF.matcher(name);
            if (m.matches()) {
                staff.computeIfAbsent(m.group(1), id -> new HashMap<>()).put(m.group(2), value);
            }
        });
        staff.forEach((id, member) -> {
            String prefix = "vcl.staff." + id + ".";
            if (ApiKeys.SHOP.equals(id)) {
                throw new IllegalStateException("configuration '" + prefix + "*': 'shop' is the shop key's id; "
                        + "choose another staff id");
            }
            if (!member.containsKey("api-key")) {
                throw new IllegalStateException("configuration '" + prefix + "rights' has no '" + prefix
                        + "api-key'");
            }
            if (!member.containsKey("rights")) {
                throw new IllegalStateException("configuration '" + prefix + "api-key' needs '" + prefix
                        + "rights' (e.g. operations,support)");
            }
            keys.add(new Key(digest(prefix + "api-key", member.get("api-key")),
                    new Caller(id, Right.parse(prefix + "rights", member.get("rights")))));
        });
        Set<String> seen = new HashSet<>();
        for (Key key : keys) {
            if (!seen.add(java.util.HexFormat.of().formatHex(key.digest()))) {
                throw new IllegalStateException("configuration: two callers share one API key (" + key.caller().id()
                        + " and another); give each its own");
            }
        }
        return new ApiKeySet(keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The caller whose key an {@code Authorization: Bearer <key>} header carries. Every key is compared, in constant
     * time, whatever matches: a wrong key takes as long as a right one.
     */
    Optional<Caller> identify(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = Sha256.of(authorization.substring(BEARER.length()));
        Caller found = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(presented, key.digest()) && found == null) {
                found = key.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String name, String key) {
        if (key == null || key.length() < ApiKeys.MIN_KEY_LENGTH) {
            throw new IllegalStateException("configuration '" + name + "' must be at least " + ApiKeys.MIN_KEY_LENGTH
                    + " characters long (generate one with: openssl rand -base64 32)");
        }
        return Sha256.of(key);
    }
}

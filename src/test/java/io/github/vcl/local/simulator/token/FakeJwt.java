package io.github.vcl.local.simulator.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Tokens that look like the JWTs Vipps hands out (three base64url parts) but are only opaque strings here. */
public final class FakeJwt {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private FakeJwt() {
    }

    public static String withClaims(String claimsJson) {
        return encode("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + encode(claimsJson) + ".simulated";
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

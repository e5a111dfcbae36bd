package io.github.vcl.checkout;

import io.github.vcl.crypto.Sha256;
import io.github.vcl.order.Flow;
import io.github.vcl.order.PaymentSession;
import io.github.vcl.order.Reference;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-session secrets: the {@code callbackAuthorizationToken} Vipps echoes in the callback, and the return-page
 * token in our {@code returnUrl}. Each is HMAC-SHA256(signing secret, purpose, reference, random nonce): unguessable and
 * different per session, yet the same again when a crashed or retried initiate re-sends the session request. The
 * order keeps only the nonce and each token's SHA-256, so a copy of the table reveals no token; the status function
 * checks a return token against that hash. The callback token carries its nonce ({@code <nonce>.<mac>}), so the
 * callback function, which holds the signing secret, recognises a forged callback before it reads or writes anything.
 */
public final class SessionTokens {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int NONCE_BYTES = 16;
    private static final String CALLBACK = "callback";

    private final byte[] signingSecret;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(String signingSecret) {
        if (signingSecret == null || signingSecret.length() < 32) {
            throw new IllegalArgumentException("the session-token signing secret must have at least 32 characters");
        }
        this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The plain tokens (sent to Vipps / put in the return URL) and what the order stores of them. */
    public record Issued(PaymentSession session, String callbackToken, String returnToken) {
        @Override
        public String toString() {
            return "Issued[***]";
        }
    }

    public Issued issue(Reference reference, Flow flow) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return derive(reference, flow, BASE64URL.encodeToString(nonce));
    }

    /** The same tokens again, from the nonce the order kept. */
    public Issued reissue(Reference reference, PaymentSession session) {
        return derive(reference, session.flow(), session.nonce());
    }

    /**
     * True when {@code presented} is the callback token this signing secret issued for {@code reference}; checked in
     * constant time, without the store.
     */
    public boolean isCallbackToken(Reference reference, String presented) {
        int dot = presented == null ? -1 : presented.indexOf('.');
        if (dot < 1) {
            return false;
        }
        String expected = token(CALLBACK, reference, presented.substring(0, dot));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private Issued derive(Reference reference, Flow flow, String nonce) {
        String callback = token(CALLBACK, reference, nonce);
        String returnToken = token("return", reference, nonce);
        return new Issued(PaymentSession.pending(flow, nonce, hash(callback), hash(returnToken)), callback, returnToken);
    }

    /** Constant-time check of a presented token against a stored hash; false for anything missing. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || presented.isEmpty() || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String token) {
        return BASE64URL.encodeToString(Sha256.of(token));
    }

    private String token(String purpose, Reference reference, String nonce) {
        String mac = mac(purpose, reference, nonce);
        return CALLBACK.equals(purpose) ? nonce + "." + mac : mac;
    }

    private String mac(String purpose, Reference reference, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret, "HmacSHA256"));
            byte[] out = mac.doFinal((purpose + "|" + reference.value() + "|" + nonce).getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

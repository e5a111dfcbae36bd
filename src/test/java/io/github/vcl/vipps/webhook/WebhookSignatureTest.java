package io.github.vcl.vipps.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The test vector is the one from the official request-authentication docs
 * (https://developer.vippsmobilepay.com/docs/APIs/webhooks-api/request-authentication/, docs/vipps-rules.md#webhooks).
 */
class WebhookSignatureTest {

    private static final String SECRET =
            "A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==";
    private static final URI URL = URI.create("https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63");
    private static final String DATE = "Thu, 30 Mar 2023 08:38:32 GMT";
    private static final Instant SIGNED_AT = Instant.parse("2023-03-30T08:38:32Z");
    private static final byte[] BODY = "{\"some-unique-content\":\"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String CONTENT_HASH = "lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=";
    private static final String AUTHORIZATION = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256"
            + "&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=";

    @Test
    void signsTheOfficialTestVector() {
        assertEquals(CONTENT_HASH, WebhookSignature.contentHash(BODY));
        assertEquals(AUTHORIZATION, WebhookSignature.authorizationHeader(SECRET,
                WebhookSignature.pathAndQuery(URL), WebhookSignature.host(URL), DATE, CONTENT_HASH));
        assertEquals(DATE, WebhookSignature.formatDate(SIGNED_AT));
    }

    @Test
    void verifiesTheOfficialTestVector() throws WebhookSignatureException {
        WebhookSignature.verify(SECRET, URL, BODY, DATE, CONTENT_HASH, AUTHORIZATION, SIGNED_AT.plusSeconds(30));
    }

    @Test
    void rejectsAChangedBodyByte() {
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;
        assertReason(WebhookSignatureException.Reason.CONTENT_HASH_MISMATCH,
                () -> WebhookSignature.verify(SECRET, URL, tampered, DATE, CONTENT_HASH, AUTHORIZATION, SIGNED_AT));
    }

    @Test
    void rejectsADateOlderThanTheTolerance() {
        Instant tooLate = SIGNED_AT.plus(WebhookSignature.DATE_TOLERANCE).plusSeconds(1);
        assertReason(WebhookSignatureException.Reason.DATE_OUTSIDE_TOLERANCE,
                () -> WebhookSignature.verify(SECRET, URL, BODY, DATE, CONTENT_HASH, AUTHORIZATION, tooLate));
    }

    @Test
    void rejectsAWrongHost() {
        URI otherHost = URI.create("https://webhook.example/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63");
        assertReason(WebhookSignatureException.Reason.SIGNATURE_MISMATCH,
                () -> WebhookSignature.verify(SECRET, otherHost, BODY, DATE, CONTENT_HASH, AUTHORIZATION, SIGNED_AT));
    }

    private static void assertReason(WebhookSignatureException.Reason expected, Verification verification) {
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class, verification::run);
        assertEquals(expected, e.reason());
    }

    @FunctionalInterface
    private interface Verification {
        void run() throws WebhookSignatureException;
    }
}

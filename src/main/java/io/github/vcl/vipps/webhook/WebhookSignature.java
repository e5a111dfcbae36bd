package io.github.vcl.vipps.webhook;

import io.github.vcl.crypto.Sha256;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 scheme Vipps MobilePay uses to sign webhook deliveries (docs/vipps-rules.md#webhooks).
 *
 * <p>The secret is used as the UTF-8 bytes of the string returned at registration; it is <em>not</em> base64-decoded.
 * Path, query and host come from the URL the webhook was registered with, never from the incoming request, because
 * API Gateway rewrites both.
 */
public final class WebhookSignature {

    /** How far {@code x-ms-date} may be from now before a delivery is rejected as a replay. */
    public static final Duration DATE_TOLERANCE = Duration.ofMinutes(5);

    private static final String AUTHORIZATION_PREFIX =
            "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=";

    private WebhookSignature() {
    }

    /** {@code base64(SHA-256(body))}, the value of the {@code x-ms-content-sha256} header. */
    public static String contentHash(byte[] body) {
        return Base64.getEncoder().encodeToString(Sha256.of(body));
    }

    /** The value of the {@code Authorization} header Vipps sends for a delivery. */
    public static String authorizationHeader(String secret, String pathAndQuery, String host, String xMsDate,
            String contentHash) {
        String stringToSign = "POST\n" + pathAndQuery + "\n" + xMsDate + ";" + host + ";" + contentHash;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
            return AUTHORIZATION_PREFIX + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Path plus query of a registered URL, e.g. {@code /hooks/vipps?x=1}. */
    public static String pathAndQuery(URI registeredUrl) {
        String path = registeredUrl.getRawPath() == null || registeredUrl.getRawPath().isEmpty()
                ? "/" : registeredUrl.getRawPath();
        return registeredUrl.getRawQuery() == null ? path : path + "?" + registeredUrl.getRawQuery();
    }

    /** Host of a registered URL, with the port when the URL names one. */
    public static String host(URI registeredUrl) {
        return registeredUrl.getPort() == -1 ? registeredUrl.getHost()
                : registeredUrl.getHost() + ":" + registeredUrl.getPort();
    }

    /** The current time in the format Vipps uses for {@code x-ms-date}. */
    public static String formatDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    /**
     * Checks one delivery.
     *
     * @param secret          the secret returned when the webhook was registered
     * @param registeredUrl   the URL the webhook was registered with
     * @param body            the exact bytes received
     * @param xMsDate         the {@code x-ms-date} header
     * @param xMsContentSha256 the {@code x-ms-content-sha256} header
     * @param authorization   the {@code Authorization} header
     * @param now             the current time
     * @throws WebhookSignatureException naming the first check that failed
     */
    public static void verify(String secret, URI registeredUrl, byte[] body, String xMsDate, String xMsContentSha256,
            String authorization, Instant now) throws WebhookSignatureException {
        if (xMsDate == null || xMsContentSha256 == null || authorization == null) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING_HEADER,
                    "x-ms-date, x-ms-content-sha256 and Authorization are all required");
        }
        Instant signedAt;
        try {
            signedAt = ZonedDateTime.parse(xMsDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.DATE_INVALID,
                    "x-ms-date is not an RFC 1123 date");
        }
        if (Duration.between(signedAt, now).abs().compareTo(DATE_TOLERANCE) > 0) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.DATE_OUTSIDE_TOLERANCE,
                    "x-ms-date is more than " + DATE_TOLERANCE.toMinutes() + " minutes from now");
        }
        String contentHash = contentHash(body);
        if (!constantTimeEquals(contentHash, xMsContentSha256)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.CONTENT_HASH_MISMATCH,
                    "x-ms-content-sha256 does not match the body");
        }
        String expected = authorizationHeader(secret, pathAndQuery(registeredUrl), host(registeredUrl), xMsDate,
                contentHash);
        if (!constantTimeEquals(expected, authorization)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.SIGNATURE_MISMATCH,
                    "Authorization does not carry the expected signature");
        }
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}

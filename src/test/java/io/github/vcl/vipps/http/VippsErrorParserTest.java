package io.github.vcl.vipps.http;

import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsOperation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VippsErrorParserTest {

    private static VippsApiException parse(int status, String body) {
        return VippsErrorParser.toException(VippsOperation.EPAYMENT_CAPTURE, "order-12345678",
                RawResponse.of(status, body, Map.of("Content-Type", List.of("application/problem+json"))), null, 1);
    }

    @Test
    void ePaymentProblemWithErrorCodeInExtraDetails() {
        VippsApiException e = parse(400, """
                {"type":"https://developer.vippsmobilepay.com/docs/APIs/epayment-api/problems#capture-exceeded",
                 "title":"Bad Request","detail":"Captured amount exceeds authorized amount","status":400,
                 "instance":"/epayment/v1/payments/order-12345678/capture","traceId":"trace-123",
                 "extraDetails":[{"name":"ErrorCode","reason":"6090"}]}""");
        assertEquals(400, e.httpStatus());
        assertEquals("6090", e.errorCode().orElseThrow());
        assertEquals("trace-123", e.traceId().orElseThrow());
        assertEquals("Cannot capture more than the reserved amount", e.staffMessage());
        assertEquals(VippsOperation.EPAYMENT_CAPTURE, e.operation());
        assertEquals(List.of(new VippsApiException.ErrorDetail("ErrorCode", "6090")), e.extraDetails());
        assertTrue(e.getMessage().contains("6090"), e.getMessage());
        assertTrue(e.getMessage().contains("trace-123"), e.getMessage());
        assertTrue(e.getMessage().contains("POST /epayment/v1/payments/{reference}/capture"), e.getMessage());
        assertTrue(e.getMessage().contains("order-12345678"), e.getMessage());
        // Vipps' free text stays out of the message (it may echo request data)
        assertFalse(e.getMessage().contains("exceeds authorized"), e.getMessage());
        assertEquals("Captured amount exceeds authorized amount", e.detail().orElseThrow());
    }

    @Test
    void mapsTheCommonEPaymentCodes() {
        Map<String, String> expected = Map.of(
                "6040", "refund instead",
                "6060", "already authorized",
                "6080", "not approved",
                "6140", "Partial capture",
                "6150", "refund more than the captured",
                "4010", "Idempotency conflict",
                "4150", "Idempotency conflict",
                "4020", "Idempotency conflict",
                "5040", "Currency");
        expected.forEach((code, text) -> {
            VippsApiException e = parse(409, "{\"status\":409,\"extraDetails\":[{\"name\":\"ErrorCode\",\"reason\":\""
                    + code + "\"}]}");
            assertTrue(e.staffMessage().contains(text), code + " -> " + e.staffMessage());
        });
        assertTrue(parse(409, "{\"extraDetails\":[{\"name\":\"ErrorCode\",\"reason\":\"4010\"}]}")
                .isIdempotencyConflict());
    }

    @Test
    void lockedAndRateLimitedByStatus() {
        VippsApiException locked = parse(423, "");
        assertTrue(locked.staffMessage().contains("Locked"), locked.staffMessage());
        assertTrue(locked.isTransient());
        VippsApiException limited = VippsErrorParser.toException(VippsOperation.EPAYMENT_CAPTURE, "r",
                RawResponse.of(429, "{ \"statusCode\": 429, \"message\": \"Rate limit is exceeded. Try again in 5 seconds.\" }"),
                Duration.ofSeconds(5), 1);
        assertTrue(limited.staffMessage().contains("Rate limited"), limited.staffMessage());
        assertEquals(Duration.ofSeconds(5), limited.retryAfter().orElseThrow());
        assertEquals("Rate limit is exceeded. Try again in 5 seconds.", limited.title().orElseThrow());
    }

    @Test
    void checkoutProblemWithErrorCodeAndErrors() {
        VippsApiException e = VippsErrorParser.toException(VippsOperation.CHECKOUT_CREATE_SESSION, "order-12345678",
                RawResponse.of(400, """
                        {"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.",
                         "status":400,"errorCode":"Validation-00001",
                         "errors":{"Transaction.Reference":["The field Reference must match the regular expression."]}}"""),
                null, 1);
        assertEquals("Validation-00001", e.errorCode().orElseThrow());
        assertEquals("Vipps rejected the request as invalid", e.staffMessage());
        assertEquals("Transaction.Reference", e.extraDetails().get(0).name());
    }

    @Test
    void checkoutSessionNotFound() {
        VippsApiException e = VippsErrorParser.toException(VippsOperation.CHECKOUT_GET_SESSION, "order-12345678",
                RawResponse.of(404, "{\"errorCode\":\"Session-00100\",\"errors\":{}}"), null, 1);
        assertEquals("Checkout session not found or expired", e.staffMessage());
    }

    @Test
    void orderManagementInvalidParams() {
        VippsApiException e = VippsErrorParser.toException(VippsOperation.ORDER_MANAGEMENT_POST_RECEIPT, "order-1",
                RawResponse.of(400, """
                        {"type":"https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1","detail":"BadRequest",
                         "instance":"00-616e415f5af7584eb4d9369d0fe8d7cc-48b90041faff204c-00",
                         "invalidParams":[{"name":"OrderLines[0].TaxRate","reason":"must be between 0 and 10000"}]}"""),
                null, 1);
        assertEquals(400, e.httpStatus());
        assertTrue(e.errorCode().isEmpty());
        assertEquals("OrderLines[0].TaxRate", e.extraDetails().get(0).name());
        assertEquals("Vipps rejected the request as invalid", e.staffMessage());
    }

    @Test
    void survivesNonProblemBodies() {
        for (String body : new String[] {"", "   ", "<html><body>502 Bad Gateway</body></html>", "not json {",
                "[]", "[1,2]", "42", "null", "{\"statusCode\":401,\"message\":\"Access denied due to invalid subscription key.\"}",
                "[{\"errorGroup\":\"Authentication\",\"errorCode\":\"401\",\"errorMessage\":\"Unauthorized\"}]"}) {
            VippsApiException e = parse(401, body);
            assertEquals(401, e.httpStatus(), body);
            assertEquals("Vipps rejected the credentials or access token", e.staffMessage(), body);
        }
        VippsApiException html = parse(502, "<html>oops</html>");
        assertTrue(html.staffMessage().contains("unavailable"));
        assertTrue(html.isTransient());
    }

    @Test
    void noResponseMessage() {
        VippsApiException e = VippsErrorParser.noResponse(VippsOperation.EPAYMENT_GET_PAYMENT, "order-12345678", 3,
                new RuntimeException("connect refused"));
        assertTrue(e.isNoResponse());
        assertEquals(3, e.attempts());
        assertTrue(e.getMessage().contains("no response"), e.getMessage());
    }
}

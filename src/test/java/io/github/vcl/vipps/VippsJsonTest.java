package io.github.vcl.vipps;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.vcl.vipps.checkout.model.CheckoutConfiguration;
import io.github.vcl.vipps.checkout.model.CheckoutSessionState;
import io.github.vcl.vipps.checkout.model.InitiateSessionRequest;
import io.github.vcl.vipps.checkout.model.Logistics;
import io.github.vcl.vipps.checkout.model.LogisticsOption;
import io.github.vcl.vipps.checkout.model.MerchantInfo;
import io.github.vcl.vipps.checkout.model.OrderBottomLine;
import io.github.vcl.vipps.checkout.model.OrderSummary;
import io.github.vcl.vipps.checkout.model.PaymentTransaction;
import io.github.vcl.vipps.checkout.model.SessionResponse;
import io.github.vcl.vipps.epayment.model.CancelRequest;
import io.github.vcl.vipps.epayment.model.EPaymentState;
import io.github.vcl.vipps.epayment.model.Payment;
import io.github.vcl.vipps.epayment.model.PaymentEvent;
import io.github.vcl.vipps.epayment.model.PaymentEventName;
import io.github.vcl.vipps.http.VippsJson;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.model.UnitInfo;
import io.github.vcl.vipps.model.VippsOrderLine;
import io.github.vcl.vipps.token.AccessTokenResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VippsJsonTest {

    @Test
    void sessionRequestHasTypePaymentTaxRateAndNoNulls() throws Exception {
        InitiateSessionRequest request = InitiateSessionRequest.payment(
                new MerchantInfo("https://shop.example/cb", "https://shop.example/return", "cb-token",
                        "https://shop.example/terms"),
                new PaymentTransaction(Amount.nok(49900), "order-12345678", "Two pairs of socks",
                        new OrderSummary(List.of(
                                VippsOrderLine.of("sku-1", "Socks", 39900, 31920, 7980, 2500, UnitInfo.pieces(19950, 2)),
                                VippsOrderLine.of("shipping", "Shipping", 10000, 8000, 2000, 2500, null).asShipping()),
                                OrderBottomLine.of("NOK"))),
                Logistics.fixed(List.of(LogisticsOption.of("POSTEN", "posten-1", 1, true, Amount.nok(10000),
                        "HOME_DELIVERY", "Home delivery"))),
                null, CheckoutConfiguration.webDefaults());
        String json = VippsJson.write(request);
        var tree = VippsJson.tree(json).orElseThrow();
        assertEquals("PAYMENT", tree.get("type").asText());
        assertFalse(json.contains("null"), json);
        assertFalse(tree.has("prefillCustomer"));
        var line = tree.at("/transaction/orderSummary/orderLines/0");
        assertEquals(2500, line.get("taxRate").asInt());
        assertEquals(25, line.get("taxPercentage").asInt());
        assertEquals("2", line.at("/unitInfo/quantity").asText());
        assertTrue(tree.at("/transaction/orderSummary/orderLines/1/isShipping").asBoolean());
        assertTrue(tree.at("/logistics/fixedOptions/0/isDefault").asBoolean());
        assertEquals(49900, tree.at("/transaction/amount/value").asLong());
        assertEquals("NOK", tree.at("/transaction/orderSummary/orderBottomLine/currency").asText());
        assertFalse(request.toString().contains("cb-token"));
    }

    @Test
    void cancelBodyIsAlwaysAnObject() {
        assertEquals("{\"cancelTransactionOnly\":false}", VippsJson.write(new CancelRequest(false)));
    }

    @Test
    void toleratesUnknownPropertiesAndUnknownEnumValues() throws Exception {
        Payment payment = VippsJson.read("""
                {"state":"SOME_NEW_STATE","brandNewField":{"x":1},"amount":{"value":1000,"currency":"NOK"},
                 "aggregate":{"authorizedAmount":{"value":1000,"currency":"NOK"}},"reference":"order-12345678",
                 "paymentMethod":{"type":"SOMETHING_NEW"}}""", Payment.class);
        assertEquals(EPaymentState.UNKNOWN, payment.state());
        assertEquals(1000, payment.amount().value());
        assertEquals("SOMETHING_NEW", payment.paymentMethod().type());

        SessionResponse session = VippsJson.read("""
                {"sessionId":"s","reference":"order-12345678","sessionState":"PaymentSuccessful",
                 "paymentMethod":"Klarna","paymentDetails":{"type":"WALLET","state":"AUTHORIZED",
                 "amount":{"value":1,"currency":"NOK"}}}""", SessionResponse.class);
        assertEquals(CheckoutSessionState.PAYMENT_SUCCESSFUL, session.sessionState());
        assertEquals(CheckoutSessionState.UNKNOWN,
                VippsJson.read("{\"sessionState\":\"SessionTerminated\"}", SessionResponse.class).sessionState());
        assertEquals(CheckoutSessionState.SESSION_STARTED,
                VippsJson.read("{\"sessionState\":\"SessionStarted\"}", SessionResponse.class).sessionState());
    }

    @Test
    void readsEventLog() throws Exception {
        List<PaymentEvent> events = VippsJson.read("""
                [{"reference":"order-12345678","pspReference":"p1","name":"AUTHORIZED","amount":{"value":1000,
                  "currency":"NOK"},"timestamp":"2023-02-07T11:22:18.1234567Z","idempotencyKey":null,"success":true},
                 {"reference":"order-12345678","pspReference":"p2","name":"FUTURE_EVENT","amount":{"value":1000,
                  "currency":"NOK"},"timestamp":"2023-02-07T12:22:18+01:00","success":false}]""",
                new TypeReference<List<PaymentEvent>>() {
                });
        assertEquals(PaymentEventName.AUTHORIZED, events.get(0).name());
        assertEquals(PaymentEventName.UNKNOWN, events.get(1).name());
        assertEquals(2023, events.get(1).timestamp().getYear());
    }

    @Test
    void readsTokenAnswerWithStringNumbers() throws Exception {
        AccessTokenResponse r = VippsJson.read("""
                {"token_type":"Bearer","expires_in":"86398","ext_expires_in":"86398","expires_on":"1547823408",
                 "not_before":"1547736710","resource":"00000002-0000-0000-c000-000000000000","access_token":"eyJ0"}""",
                AccessTokenResponse.class);
        assertEquals("86398", r.expiresIn());
        assertEquals("eyJ0", r.accessToken());
    }

    @Test
    void idempotencyKeysAreValidated() {
        assertEquals("order-12345678-capture-1", IdempotencyKey.of("order-12345678-capture-1").value());
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of("x".repeat(51)));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of(""));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of("has space"));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyKey.of("line\nbreak"));
        assertEquals(50, IdempotencyKey.of("x".repeat(50)).value().length());
    }
}

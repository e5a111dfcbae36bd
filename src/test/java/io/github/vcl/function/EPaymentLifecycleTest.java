package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;
import io.github.vcl.order.Reference;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The full life of an ePayment-flow order through the operations function: the same routes as for Checkout. */
@QuarkusTest
@TestProfile(FunctionProfile.Operations.class)
class EPaymentLifecycleTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CheckoutService checkout;
    @Inject
    PaymentPoller poller;
    @Inject
    OrderStore store;
    @Inject
    EPaymentClient epayment;

    @Test
    void authorizedThenPartlyCapturedRefundedAndTheRestCancelled() throws Exception {
        Reference reference = new AuthorizedOrders(checkout, poller, store).authorized(Flow.EPAYMENT);
        assertEquals(200, post(reference, "capture", "{\"amount\": 20000}").statusCode());
        assertEquals(200, post(reference, "refund", "{\"amount\": 5000}").statusCode());
        HttpResponse<String> cancel = post(reference, "cancel", "");
        assertEquals(200, cancel.statusCode(), cancel.body());
        JsonNode answer = JSON.readTree(cancel.body());
        assertEquals(30000, answer.at("/amounts/cancelled").asLong());

        Order order = store.find(reference).orElseThrow();
        assertEquals(Flow.EPAYMENT, order.flow());
        assertEquals(OrderStatus.PARTIALLY_REFUNDED, order.status());
        var atVipps = epayment.getPayment(reference.value()).aggregate();
        assertEquals(20000, atVipps.capturedAmount().value());
        assertEquals(5000, atVipps.refundedAmount().value());
        assertEquals(30000, atVipps.cancelledAmount().value());
        assertEquals(List.of(), world().simulator().violations().stream()
                .filter(v -> v.path().contains(reference.value())).toList(), "every call kept the OpenAPI contract");
    }

    private static HttpResponse<String> post(Reference reference, String operation, String body) {
        return Api.post("/orders/" + reference + "/" + operation, Api.staffAuth(), body);
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.order.Flow;
import io.github.vcl.order.Order;
import io.github.vcl.order.Reference;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /checkout/sessions} in the ePayment flow, through the local API Gateway and the Lambda event path: the
 * same route for the shop, an ePayment payment at Vipps (every request valid against the official OpenAPI file).
 */
@QuarkusTest
@TestProfile(FunctionProfile.Initiate.class)
class EPaymentFlowTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OrderStore store;

    @Test
    void aWebRedirectPaymentCarriesTheReceiptTheShippingLineAndOurReturnPage() throws Exception {
        String cart = Carts.json("ep-1").replaceAll(",\\s*\"customer\": \\{[^}]*}", "")
                .replaceFirst("\\{", "{\"flow\": \"epayment\", \"customerDetails\": [\"email\", \"address\"], ");
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), cart);
        assertEquals(201, response.statusCode(), response.body());
        JsonNode started = JSON.readTree(response.body());
        assertEquals("epayment", started.get("flow").asText());
        Reference reference = Reference.of(started.get("reference").asText());
        assertTrue(started.get("redirectUrl").asText().contains(reference.value()));
        assertFalse(started.has("checkoutFrontendUrl"), "ePayment has no Checkout frontend");
        assertFalse(started.has("token"));

        JsonNode sent = JSON.readTree(created(reference).bodyText());
        assertEquals("WEB_REDIRECT", sent.get("userFlow").asText());
        assertEquals(69800, sent.at("/amount/value").asLong(), "the cart plus the default shipping option");
        assertEquals(3, sent.at("/receipt/orderLines").size());
        assertTrue(sent.at("/receipt/orderLines/2/isShipping").asBoolean());
        assertEquals("address email", sent.at("/profile/scope").asText());
        assertTrue(sent.get("returnUrl").asText().contains("/return/" + reference + "?t="));
        assertEquals("Order ep-1 at Acme", sent.get("paymentDescription").asText());
        assertEquals(List.of(), world().simulator().violations());

        Order order = store.find(reference).orElseThrow();
        assertEquals(Flow.EPAYMENT, order.flow());
        assertEquals(69800, order.amount().minor());
        assertEquals(started.get("redirectUrl").asText(), order.session().frontendUrl());
    }

    @Test
    void aKnownPhoneNumberSendsAPushMessageToTheApp() throws Exception {
        String cart = Carts.json("ep-2").replaceFirst("\\{", "{\"flow\": \"epayment\", ");
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), cart);
        assertEquals(201, response.statusCode(), response.body());
        Reference reference = Reference.of(JSON.readTree(response.body()).get("reference").asText());
        JsonNode sent = JSON.readTree(created(reference).bodyText());
        assertEquals("PUSH_MESSAGE", sent.get("userFlow").asText());
        assertEquals("4791234567", sent.at("/customer/phoneNumber").asText());
        assertEquals(List.of(), world().simulator().violations());
    }

    /** Orders of both flows live in one table: a shop switches flows without losing or misreading old ones. */
    @Test
    void bothFlowsLiveSideBySide() throws Exception {
        Reference checkout = Reference.of(JSON.readTree(Api.post("/checkout/sessions", Api.shopAuth(),
                Carts.json("both-1")).body()).get("reference").asText());
        Reference epayment = Reference.of(JSON.readTree(Api.post("/checkout/sessions", Api.shopAuth(),
                Carts.json("both-2").replaceFirst("\\{", "{\"flow\": \"ePayment\", ")).body()).get("reference")
                .asText());
        assertEquals(Flow.CHECKOUT, store.find(checkout).orElseThrow().flow());
        assertEquals(Flow.EPAYMENT, store.find(epayment).orElseThrow().flow());
    }

    @Test
    void anUnknownFlowOrCustomerDetailIsRefused() throws Exception {
        var before = world().tableSnapshot();
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("ep-3")
                .replaceFirst("\\{", "{\"flow\": \"bitcoin\", \"customerDetails\": [\"nin\"], "));
        assertEquals(400, response.statusCode(), response.body());
        List<String> fields = JSON.readTree(response.body()).path("errors").findValuesAsText("field");
        assertTrue(fields.containsAll(List.of("flow", "customerDetails[0]")), fields.toString());
        assertEquals(before, world().tableSnapshot());
    }

    private static RecordedRequest created(Reference reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/epayment/v1/payments")
                        && r.bodyText().contains(reference.value()))
                .findFirst().orElseThrow();
    }
}

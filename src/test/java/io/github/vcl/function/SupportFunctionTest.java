package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.operations.OperationRequest;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Reference;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order search and the order detail view for support, through the local API Gateway and the Lambda event path. */
@QuarkusTest
@TestProfile(FunctionProfile.Support.class)
class SupportFunctionTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CheckoutService checkout;
    @Inject
    PaymentPoller poller;
    @Inject
    OrderStore store;
    @Inject
    OperationsService operations;

    private AuthorizedOrders orders;

    @BeforeEach
    void orders() {
        orders = new AuthorizedOrders(checkout, poller, store);
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = Api.get(pathAndQuery, Api.staffAuth());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Every page of a search, following the cursor; asserts each full page has {@code limit} orders. */
    private static List<List<String>> pages(String query, int limit) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/orders?" + query + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            List<String> references = new ArrayList<>();
            page.get("orders").forEach(o -> references.add(o.get("reference").asText()));
            pages.add(references);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            assertTrue(cursor == null || references.size() == limit, "a page with a cursor is full: " + page);
        } while (cursor != null);
        return pages;
    }

    private static String window(Instant from, Instant to) {
        return "from=" + from + "&to=" + to;
    }

    @Test
    void searchByDateReturnsCorrectPagesNewestFirst() throws Exception {
        Instant from = Instant.now();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(0, orders.started(Carts.newShopOrderId()).value());
        }
        Instant to = Instant.now();

        List<List<String>> pages = pages(window(from, to), 3);
        assertEquals(List.of(created.subList(0, 3), created.subList(3, 6), created.subList(6, 7)), pages);
        assertEquals(List.of(List.of()), pages(window(to, Instant.now().plusSeconds(60)), 3));
    }

    @Test
    void searchByShopOrderIdAndStatusUsesTheirIndexes() throws Exception {
        Instant from = Instant.now();
        String shopOrderId = Carts.newShopOrderId();
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            attempts.add(0, orders.started(shopOrderId).value());
        }
        Reference paid = orders.authorized();
        Reference alsoPaid = orders.authorized();
        Instant to = Instant.now();

        assertEquals(List.of(attempts.subList(0, 2), attempts.subList(2, 4), attempts.subList(4, 6), List.of()),
                pages("shopOrderId=" + shopOrderId, 2));
        assertEquals(List.of(List.of(alsoPaid.value(), paid.value())),
                pages(window(from, to) + "&status=AUTHORIZED", 5));
        assertEquals(List.of(List.of(attempts.get(0))),
                pages("shopOrderId=" + shopOrderId + "&reference=" + attempts.get(0), 5));
        assertEquals(List.of(List.of()), pages("shopOrderId=" + shopOrderId + "&status=AUTHORIZED", 5));

        JsonNode found = get("/orders?reference=" + paid).get("orders").get(0);
        assertEquals("AUTHORIZED", found.get("status").asText());
        assertEquals(50000, found.at("/amounts/authorized").asLong());
        assertEquals(List.of(List.of(paid.value())),
                pages("shopOrderId=" + found.get("shopOrderId").asText() + "&status=AUTHORIZED", 5),
                "the status filter reads the status shop-order-index projects");
    }

    @Test
    void theDetailViewShowsMergedHistoryInTimeOrderAndWhatIsPossibleNow() throws Exception {
        Reference reference = orders.authorized();
        operations.request(reference, new OperationRequest(OperationType.CAPTURE, Optional.of(20000L),
                Optional.empty(), Optional.of("first parcel"), "kari", Optional.empty()));

        JsonNode detail = get("/orders/" + reference);
        assertEquals("PARTIALLY_CAPTURED", detail.get("status").asText());
        assertEquals(20000, detail.at("/amounts/captured").asLong());

        List<String> times = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        detail.get("history").forEach(e -> {
            times.add(e.get("at").asText());
            lines.add(e.get("origin").asText() + " " + e.get("event").asText());
        });
        List<Instant> instants = times.stream().map(Instant::parse).toList();
        assertEquals(instants.stream().sorted().toList(), instants, "time order");
        assertTrue(lines.containsAll(List.of("BACKEND ORDER_CREATED", "BACKEND PAYMENT_AUTHORIZED",
                "BACKEND OPERATION_REQUESTED", "BACKEND OPERATION_SUCCEEDED", "BACKEND CAPTURED",
                "VIPPS CREATED", "VIPPS AUTHORIZED", "VIPPS CAPTURED")), lines.toString());
        assertTrue(lines.indexOf("VIPPS AUTHORIZED") < lines.indexOf("BACKEND OPERATION_REQUESTED"), lines.toString());
        assertTrue(lines.indexOf("BACKEND OPERATION_REQUESTED") < lines.indexOf("VIPPS CAPTURED"), lines.toString());

        Map<String, JsonNode> actions = new java.util.HashMap<>();
        detail.get("possibleActions").forEach(a -> actions.put(a.get("type").asText(), a));
        assertEquals(30000, actions.get("CAPTURE").get("maximum").asLong());
        assertEquals(20000, actions.get("REFUND").get("maximum").asLong());
        assertEquals(30000, actions.get("CANCEL").get("maximum").asLong());
        assertEquals("first parcel", detail.at("/operations/0/reason").asText());
        assertTrue(detail.get("lastVippsError").isNull());
        assertFalse(detail.at("/customer/billing/email").asText().isEmpty(), detail.toString());
        assertEquals(List.of(), JSON.convertValue(detail.get("notes"), List.class));
    }

    @Test
    void aFreshOrderOffersOnlyACancelOfTheTransaction() throws Exception {
        Reference reference = orders.started(Carts.newShopOrderId());
        JsonNode detail = get("/orders/" + reference);
        assertEquals("AWAITING_PAYMENT", detail.get("status").asText());
        Map<String, JsonNode> actions = new java.util.HashMap<>();
        detail.get("possibleActions").forEach(a -> actions.put(a.get("type").asText(), a));
        assertFalse(actions.get("CAPTURE").get("possible").asBoolean());
        assertEquals("The customer has not approved the payment, so nothing can be captured yet.",
                actions.get("CAPTURE").get("refusal").asText());
        assertNull(actions.get("CAPTURE").get("maximum").textValue());
        assertEquals(50000, actions.get("CANCEL").get("maximum").asLong());
    }

    @Test
    void onlyStaffWithTheSupportRightSeeOrders() throws Exception {
        Reference reference = orders.started(Carts.newShopOrderId());
        var before = world().tableSnapshot();
        assertEquals(401, Api.get("/orders/" + reference, Map.of()).statusCode());
        assertEquals(401, Api.get("/orders", Api.bearer("wrong-key")).statusCode());
        assertEquals(403, Api.get("/orders/" + reference, Api.shopAuth()).statusCode());
        assertEquals(200, Api.get("/orders/" + reference, Api.bearer(CheckoutWorld.SUPPORT_API_KEY)).statusCode());
        assertEquals(before, world().tableSnapshot());
    }

    @Test
    void badSearchesAreProblems() throws Exception {
        for (String query : List.of("status=SHIPPED", "from=yesterday", "limit=0", "limit=101", "refrence=x",
                "reference=x", "from=2026-11-25&to=2026-11-24", "cursor=bm9wZQ",
                "from=2010-01-01")) {
            HttpResponse<String> response = Api.get("/orders?" + query, Api.staffAuth());
            assertEquals(400, response.statusCode(), query + ": " + response.body());
            assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
        }
        assertEquals(404, Api.get("/orders/test-000000-NOPE0000-1", Api.staffAuth()).statusCode());
    }
}

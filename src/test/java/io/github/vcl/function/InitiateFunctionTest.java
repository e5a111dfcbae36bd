package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.checkout.InitiateRequest;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.order.Flow;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.HistoryEvent;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.SessionState;
import io.github.vcl.refusal.RequestInProgress;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.Await;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /checkout/sessions} through the local API Gateway and the Lambda event path. */
@QuarkusTest
@TestProfile(FunctionProfile.Initiate.class)
class InitiateFunctionTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OrderStore store;
    @Inject
    CheckoutService checkout;

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private List<RecordedRequest> sessionRequests(String reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/checkout/v3/session"))
                .filter(r -> r.bodyText().contains(reference))
                .toList();
    }

    @Test
    void startsASessionAndRecordsIt() throws Exception {
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("1001"));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode started = json(response);
        Reference reference = Reference.of(started.get("reference").asText());
        assertTrue(reference.value().startsWith("test-"), reference.value());
        assertTrue(started.get("checkoutFrontendUrl").asText().contains("/checkout-frontend/" + reference));
        assertFalse(started.get("token").asText().isBlank());

        Order order = store.find(reference).orElseThrow();
        assertEquals(SessionState.CREATED, order.sessionState());
        assertEquals(List.of(HistoryEvent.ORDER_CREATED, HistoryEvent.SESSION_CREATED),
                order.history().stream().map(HistoryEntry::event).toList());
        assertEquals(59900, order.amount().minor());

        List<RecordedRequest> sent = sessionRequests(reference.value());
        assertEquals(1, sent.size());
        JsonNode body = JSON.readTree(sent.get(0).bodyText());
        assertEquals("PAYMENT", body.get("type").asText());
        assertEquals(world().gateway().baseUrl() + "callbacks/checkout/" + reference,
                body.at("/merchantInfo/callbackUrl").asText());
        assertTrue(body.at("/merchantInfo/returnUrl").asText()
                .startsWith(world().gateway().baseUrl() + "return/" + reference + "?t="));
        assertEquals(2, body.at("/transaction/orderSummary/orderLines").size());
        assertEquals(1500, body.at("/transaction/orderSummary/orderLines/0/taxRate").asInt());
        assertEquals("POSTEN", body.at("/logistics/fixedOptions/0/brand").asText());
        String callbackToken = body.at("/merchantInfo/callbackAuthorizationToken").asText();
        assertTrue(callbackToken.length() >= 40, "token too short to be unguessable");
        String stored = world().tableSnapshot().toString();
        assertFalse(stored.contains(callbackToken), "the plain callback token must not be stored");
        assertFalse(stored.contains("Nordmann") || stored.contains("4791234567"), "no personal data stored");
        assertTrue(world().simulator().violations().isEmpty(), world().simulator().violations().toString());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheSameSession() throws Exception {
        Map<String, String> headers = new HashMap<>(Api.shopAuth());
        headers.put("Idempotency-Key", "cart-1002-try");
        HttpResponse<String> first = Api.post("/checkout/sessions", headers, Carts.json("1002"));
        HttpResponse<String> second = Api.post("/checkout/sessions", headers, Carts.json("1002"));
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, second.statusCode(), second.body());
        assertEquals(json(first), json(second));
        assertEquals(1, sessionRequests(json(first).get("reference").asText()).size());

        var snapshot = world().tableSnapshot();
        HttpResponse<String> otherCart = Api.post("/checkout/sessions", headers, Carts.json("1003"));
        assertEquals(422, otherCart.statusCode(), otherCart.body());
        assertEquals("application/problem+json", otherCart.headers().firstValue("content-type").orElse(""));
        assertEquals(snapshot, world().tableSnapshot());
    }

    @Test
    void aVippsFailureMarksTheOrderFailedAndAnswers502WithTraceId() throws Exception {
        world().simulator().faults().on(Operation.CREATE_SESSION).respond(400).times(1);
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("1004"));
        assertEquals(502, response.statusCode(), response.body());
        JsonNode problem = json(response);
        assertEquals(502, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("could not start the payment"), problem.toString());
        assertNotNull(problem.get("traceId"), problem.toString());

        Order failed = store.find(world().currentAttempt("1004")).orElseThrow();
        assertEquals(SessionState.FAILED, failed.sessionState());
        assertEquals(problem.get("traceId").asText(), failed.lastError().traceId());

        HttpResponse<String> again = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("1004"));
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(failed.reference().nextAttempt().value(), json(again).get("reference").asText());
    }

    /** Vipps created the session but its answer never arrived: the client's retry finds the reference taken. */
    @Test
    void aLostSessionAnswerIsNeverCalledAFailure() throws Exception {
        world().simulator().faults().on(Operation.CREATE_SESSION).delay(java.time.Duration.ofSeconds(6)).times(1);
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("1005"));
        Order order = store.find(world().currentAttempt("1005")).orElseThrow();
        // The simulator, like Checkout without idempotent session creation, answers the retry 409.
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(json(response).get("detail").asText().contains("already has a session"), response.body());
        assertEquals(SessionState.CREATED, order.sessionState(), "the session Vipps has is recorded, not failed");
        assertEquals(null, order.lastError());
    }

    /** Vipps kept the session but neither its answer nor the look-up that should find it came in time: 503. */
    @Test
    void aLostSessionAnswerThatCannotBeLookedUpIsA503AndTheOrderIsKept() throws Exception {
        world().simulator().faults().on(Operation.CREATE_SESSION).delay(java.time.Duration.ofSeconds(6)).times(1);
        world().simulator().faults().on(Operation.GET_SESSION).respond(503).times(3);
        HttpResponse<String> response = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("1006"));
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("retry-after").isPresent(), response.headers().toString());
        assertTrue(json(response).get("detail").asText().contains("retry with the same Idempotency-Key"),
                response.body());
        assertEquals(SessionState.CREATING, store.find(world().currentAttempt("1006")).orElseThrow().sessionState());
    }

    /**
     * One key sent twice at the same moment (a shop server retrying while its first request still waits on Vipps):
     * the first starts the payment, the second is told to ask again, and asking again later gives the same payment —
     * never a second attempt, and never the first one ended at Vipps by its own retry.
     */
    @Test
    void oneKeyTwiceAtOnceStartsOnePaymentAndTheOtherAsksAgain() throws Exception {
        world().simulator().faults().on(Operation.CREATE_PAYMENT).delay(java.time.Duration.ofMillis(1500)).times(1);
        InitiateRequest request = Carts.request("2101", Flow.EPAYMENT, "shop-key-2101");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> checkout.initiate(request));
            Await.until(() -> world().simulator().requests().stream()
                    .anyMatch(r -> r.path().equals("/epayment/v1/payments") && r.bodyText().contains("2101")),
                    Boolean::booleanValue, "the first request waiting on Vipps");
            RequestInProgress second = assertThrows(RequestInProgress.class, () -> checkout.initiate(request));
            assertTrue(second.retryAfter().toSeconds() >= 1);
            CheckoutService.Started started = first.get();
            assertEquals(started, checkout.initiate(request), "asked again: the first request's answer");
            assertEquals("CREATED", world().simulator().paymentState(started.reference().value()),
                    "the payment is still open for the customer");
            assertEquals(started.reference(), world().currentAttempt("2101"));
            assertEquals(started.reference().value().replaceAll("-\\d+$", "-1"), started.reference().value(),
                    "one attempt");
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> badRequests() {
        String good = Carts.json("bad-1");
        Map<String, String> auth = Api.shopAuth();
        return Stream.of(
                Arguments.of("no credentials", Map.of("Content-Type", "application/json"), good, 401, List.of()),
                Arguments.of("wrong key", Map.of("Authorization", "Bearer nope"), good, 401, List.of()),
                Arguments.of("not JSON", auth, "{oops", 400, List.of()),
                Arguments.of("negative price", auth, good.replace("\"unitPrice\": 25000", "\"unitPrice\": -1"), 400,
                        List.of("lines[0].unitPrice")),
                Arguments.of("fractional price", auth, good.replace("\"unitPrice\": 25000", "\"unitPrice\": 250.5"),
                        400, List.of("lines[0].unitPrice")),
                Arguments.of("price as text", auth, good.replace("\"unitPrice\": 25000", "\"unitPrice\": \"25000\""),
                        400, List.of("lines[0].unitPrice")),
                Arguments.of("unknown currency", auth, good.replace("\"NOK\"", "\"SEK\""), 400, List.of("currency")),
                Arguments.of("no lines", auth, good.replaceAll("\"lines\": \\[[^]]*]", "\"lines\": []"), 400,
                        List.of("lines")),
                Arguments.of("short description", auth, good.replace("Order bad-1 at Acme", "ab"), 400,
                        List.of("paymentDescription")),
                Arguments.of("tax rate too high", auth, good.replace("\"taxRate\": 1500", "\"taxRate\": 10001"), 400,
                        List.of("lines[0].taxRate")),
                Arguments.of("bad phone and shipping brand", auth,
                        good.replace("4791234567", "+47 912").replace("POSTEN", "PIGEON"), 400,
                        List.of("shippingOptions[0].brand", "customer.phoneNumber")),
                // The findings: each of these answered 500 (after storing the order) or went to Vipps.
                Arguments.of("unit price 10^18", auth, good.replace("\"unitPrice\": 25000",
                        "\"unitPrice\": 1000000000000000000"), 400, List.of("lines[0].unitPrice")),
                Arguments.of("total above Vipps' maximum", auth, good.replace("\"unitPrice\": 25000",
                        "\"unitPrice\": 32500000"), 400, List.of("lines")),
                Arguments.of("300 lines with long names", auth, hugeCart(), 400, List.of("lines")),
                Arguments.of("no Idempotency-Key", Api.bearer(CheckoutWorld.SHOP_API_KEY), good, 400,
                        List.of("Idempotency-Key")));
    }

    /** Over DynamoDB's 400 KB item limit, as a shop could send it. */
    private static String hugeCart() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"id\": \"sku-").append(i).append("\", \"name\": \"")
                    .append("Long product name ".repeat(100)).append("\", \"quantity\": 1, \"unitPrice\": 100, ")
                    .append("\"taxRate\": 2500}");
        }
        return "{\"shopOrderId\": \"huge-1\", \"currency\": \"NOK\", \"paymentDescription\": \"Huge cart\", "
                + "\"lines\": [" + lines + "]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestsAnswerAProblemAndStoreNothing(String what, Map<String, String> headers, String body, int status,
                                                  List<String> fields) throws Exception {
        var before = world().tableSnapshot();
        long sessionsAsked = world().simulator().requests().size();
        HttpResponse<String> response = Api.post("/checkout/sessions", headers, body);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElse(""));
        JsonNode problem = json(response);
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("detail").asText().isBlank());
        List<String> named = problem.path("errors").findValuesAsText("field");
        assertTrue(named.containsAll(fields), "expected " + fields + " in " + problem);
        assertEquals(before, world().tableSnapshot());
        assertEquals(sessionsAsked, world().simulator().requests().size(), "Vipps was not asked");
    }

    /**
     * The finding: one shop order could be paid twice — a new attempt was allowed while an older session was open,
     * decided on an eventually consistent index, and the older session was never ended at Vipps.
     */
    @Test
    void aNewAttemptEndsTheOpenOneAtVippsFirst() throws Exception {
        HttpResponse<String> first = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("2001"));
        Reference old = Reference.of(json(first).get("reference").asText());
        HttpResponse<String> second = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("2001"));
        assertEquals(201, second.statusCode(), second.body());
        Reference next = Reference.of(json(second).get("reference").asText());
        assertEquals(old.nextAttempt(), next);
        assertEquals(next, world().currentAttempt("2001"));

        Order superseded = store.find(old).orElseThrow();
        assertEquals(PaymentState.TERMINATED, superseded.paymentState(), "ended at Vipps before the new one");
        assertEquals(next, superseded.supersededBy());
        assertThrows(IllegalStateException.class, () -> world().simulator().customer().approve(old.value()),
                "the customer can no longer pay the old session");
        world().simulator().customer().approve(next.value());
    }

    @Test
    void aPaidShopOrderGetsNoSecondAttempt() throws Exception {
        HttpResponse<String> first = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("2002"));
        Reference paid = Reference.of(json(first).get("reference").asText());
        world().simulator().customer().approve(paid.value());
        var before = world().tableSnapshot();
        HttpResponse<String> again = Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("2002"));
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(json(again).get("detail").asText().contains("already paid"), again.body());
        assertEquals(paid, world().currentAttempt("2002"));
        assertEquals(PaymentState.AUTHORIZED, store.find(paid).orElseThrow().paymentState(),
                "read from Vipps on the way: the approval is recorded");
        assertEquals(before.size(), world().tableSnapshot().size(), "no new order");
    }

    /** Eight attempts for one shop order at once: at the end at most one of them can still be paid. */
    @Test
    void racingAttemptsLeaveAtMostOneOpenPayment() throws Exception {
        List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> Api.post("/checkout/sessions", Api.shopAuth(), Carts.json("2003")).statusCode());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var done : pool.invokeAll(calls)) {
            statuses.add(done.get());
        }
        pool.shutdown();
        assertTrue(statuses.contains(201), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
        Reference current = world().currentAttempt("2003");
        long open = 0;
        for (Reference attempt = Reference.of(current.value().replaceAll("-\\d+$", "-1")); ;
             attempt = attempt.nextAttempt()) {
            var order = store.find(attempt);
            if (order.isEmpty() && attempt.equals(current)) {
                break;
            }
            if (order.isPresent() && world().simulator().paymentState(attempt.value()).equals("CREATED")) {
                open++;
            }
            if (attempt.equals(current)) {
                break;
            }
        }
        assertEquals(1, open, "only the current attempt can be paid");
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.operations.OperationRequest;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.order.OperationType;
import io.github.vcl.order.Order;
import io.github.vcl.order.OrderStatus;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.reconcile.ReconcileService;
import io.github.vcl.refusal.NotPossibleNow;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.epayment.model.PaymentEventName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture, refund and cancel through the local API Gateway and the Lambda event path, against the simulator. */
@QuarkusTest
@TestProfile(FunctionProfile.Operations.class)
class OperationsFunctionTest extends FunctionTest {
    private static final Logger LOG = Logger.getLogger(OperationsFunctionTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CheckoutService checkout;
    @Inject
    PaymentPoller poller;
    @Inject
    OrderStore store;
    @Inject
    ReconcileService reconciler;
    @Inject
    EPaymentClient epayment;
    @Inject
    OperationsService operations;

    private AuthorizedOrders orders;

    @BeforeEach
    void orders() {
        orders = new AuthorizedOrders(checkout, poller, store);
    }

    static HttpResponse<String> post(Reference reference, String operation, String body) {
        return post(reference.value(), operation, body, Api.staffAuth());
    }

    static HttpResponse<String> post(String reference, String operation, String body, Map<String, String> auth) {
        return Api.post("/orders/" + reference + "/" + operation, auth, body);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private Order order(Reference reference) {
        return store.find(reference).orElseThrow();
    }

    private static List<RecordedRequest> modifications(Reference reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.method().equals("POST")
                        && r.path().startsWith("/epayment/v1/payments/" + reference + "/"))
                .toList();
    }

    private long vippsEvents(Reference reference, PaymentEventName name) {
        return epayment.getEventLog(reference.value()).stream().filter(e -> e.name() == name).count();
    }

    private static void assertStatus(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), response.body());
    }

    @Test
    void fullCapture() throws Exception {
        Reference reference = orders.authorized();
        HttpResponse<String> response = post(reference, "capture", "{\"reason\": \"shipped\"}");
        assertStatus(200, response);
        JsonNode body = json(response);
        assertEquals("SUCCEEDED", body.at("/operation/status").asText());
        assertEquals(50000, body.at("/operation/amount").asLong());
        assertEquals("kari", body.at("/operation/requestedBy").asText());
        assertEquals("CAPTURED", body.get("status").asText());
        assertEquals(50000, body.at("/amounts/captured").asLong());

        Order order = order(reference);
        assertEquals(OrderStatus.CAPTURED, order.status());
        assertEquals(50000, order.aggregate().captured().minor());
        assertTrue(order.pendingOperation().isEmpty());
        assertEquals(1, modifications(reference).size());
        assertEquals(order.operations().get(0).idempotencyKey(),
                modifications(reference).get(0).header("Idempotency-Key"));
    }

    @Test
    void twoPartialCapturesThenCancelOfTheRest() throws Exception {
        Reference reference = orders.authorized();
        assertStatus(200, post(reference, "capture", "{\"amount\": 20000, \"currency\": \"NOK\"}"));
        assertEquals("PARTIALLY_CAPTURED",
                json(post(reference, "capture", "{\"amount\": 10000}")).get("status").asText());
        HttpResponse<String> cancel = post(reference, "cancel", "");
        assertStatus(200, cancel);
        assertEquals(20000, json(cancel).at("/operation/amount").asLong());

        Order order = order(reference);
        assertEquals(50000, order.aggregate().authorized().minor());
        assertEquals(30000, order.aggregate().captured().minor());
        assertEquals(20000, order.aggregate().cancelled().minor());
        assertEquals(List.of("/capture", "/capture", "/cancel"), modifications(reference).stream()
                .map(r -> r.path().substring(r.path().lastIndexOf('/'))).toList());
        assertEquals(3, modifications(reference).stream().map(r -> r.header("Idempotency-Key")).distinct().count());
        assertEquals(1, vippsEvents(reference, PaymentEventName.CANCELLED));
    }

    @Test
    void partialRefundsUpToTheCapturedAmountThenOneMoreIsRefused() throws Exception {
        Reference reference = orders.authorized();
        assertStatus(200, post(reference, "capture", "{\"amount\": 30000}"));
        assertStatus(200, post(reference, "refund", "{\"amount\": 5000, \"reason\": \"damaged mug\"}"));

        HttpResponse<String> tooMuch = post(reference, "refund", "{\"amount\": 30000}");
        assertStatus(422, tooMuch);
        assertEquals("Only NOK 250.00 can still be refunded.", json(tooMuch).get("detail").asText());
        assertEquals("application/problem+json", tooMuch.headers().firstValue("content-type").orElseThrow());

        assertStatus(200, post(reference, "refund", "{\"amount\": 25000}"));
        var before = world().tableSnapshot();
        HttpResponse<String> oneMore = post(reference, "refund", "{\"amount\": 100}");
        assertStatus(409, oneMore);
        assertEquals("Everything captured (NOK 300.00) has already been refunded.",
                json(oneMore).get("detail").asText());
        assertEquals(before, world().tableSnapshot());

        Order order = order(reference);
        assertEquals(OrderStatus.REFUNDED, order.status());
        assertEquals(30000, order.aggregate().refunded().minor());
        assertEquals(3, modifications(reference).size());
    }

    @Test
    void cancelAfterFullCaptureIsRefusedAndRefundOffered() throws Exception {
        Reference reference = orders.authorized();
        assertStatus(200, post(reference, "capture", ""));
        var before = world().tableSnapshot();
        HttpResponse<String> cancel = post(reference, "cancel", "");
        assertStatus(409, cancel);
        assertEquals("Everything reserved has been captured, so nothing can be cancelled. Refund instead (up to "
                + "NOK 500.00).", json(cancel).get("detail").asText());
        assertEquals(before, world().tableSnapshot());
        assertEquals(1, modifications(reference).size());
    }

    @Test
    void cancelBeforeApprovalCancelsTheTransactionOnly() throws Exception {
        Reference reference = orders.started(Carts.newShopOrderId());
        HttpResponse<String> cancel = post(reference, "cancel", "{\"reason\": \"customer called\"}");
        assertStatus(200, cancel);
        assertEquals("TERMINATED", json(cancel).get("status").asText());
        RecordedRequest sent = modifications(reference).get(0);
        assertEquals(true, JSON.readTree(sent.bodyText()).get("cancelTransactionOnly").asBoolean());
        assertEquals(PaymentState.TERMINATED, order(reference).paymentState());
    }

    @Test
    void tenConcurrentFullCapturesCaptureOnceAndTheLosersGet409() throws Exception {
        Reference reference = orders.authorized();
        List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(() -> post(reference, "capture", ""));
        }
        List<Integer> statuses = runTogether(requests).stream().map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 409, 409, 409, 409, 409, 409, 409, 409, 409), statuses);
        assertEquals(1, modifications(reference).size());
        assertEquals(50000, order(reference).aggregate().captured().minor());
        assertEquals(1, vippsEvents(reference, PaymentEventName.CAPTURED));
    }

    /** The Lambda runtime of a test hands events over one at a time; the service itself sees truly parallel calls. */
    @Test
    void tenParallelCaptureCallsOfTheServiceCaptureOnce() throws Exception {
        Reference reference = orders.authorized();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> {
                try {
                    operations.request(reference, new OperationRequest(OperationType.CAPTURE, Optional.empty(),
                            Optional.empty(), Optional.empty(), "kari", Optional.empty()));
                    return 200;
                } catch (NotPossibleNow refused) {
                    return 409;
                }
            });
        }
        assertEquals(List.of(200, 409, 409, 409, 409, 409, 409, 409, 409, 409),
                runTogether(calls).stream().sorted().toList());
        assertEquals(1, modifications(reference).size());
        assertEquals(1, vippsEvents(reference, PaymentEventName.CAPTURED));
    }

    @Test
    void aTimeoutAfterVippsCapturedNeverCapturesTwiceAndReconcileFinishesTheRecord() throws Exception {
        Reference reference = orders.authorized();
        world().simulator().faults().on(Operation.CAPTURE).forReference(reference.value())
                .delay(FunctionProfile.Operations.READ_TIMEOUT.multipliedBy(2)).times(3);
        HttpResponse<String> first = post(reference, "capture", "");
        assertStatus(202, first);
        assertEquals("PENDING", json(first).at("/operation/status").asText());
        assertTrue(json(first).get("message").asText().startsWith("Vipps MobilePay did not answer in time."),
                first.body());
        assertEquals(1, vippsEvents(reference, PaymentEventName.CAPTURED), "Vipps captured on the first attempt");
        String key = order(reference).pendingOperation().orElseThrow().idempotencyKey();

        HttpResponse<String> again = post(reference, "capture", "");
        assertStatus(409, again);
        assertTrue(json(again).get("detail").asText().contains("still being processed"), again.body());

        reconciler.run(Instant.now().plus(Duration.ofSeconds(30)));
        Order order = order(reference);
        assertTrue(order.pendingOperation().isEmpty());
        assertEquals(OrderStatus.CAPTURED, order.status());
        assertEquals(50000, order.aggregate().captured().minor());
        reconciler.run(Instant.now().plus(Duration.ofSeconds(30)));
        assertFalse(order(reference).needsReconciliation(), "payment history filed on the next run");
        assertEquals(1, vippsEvents(reference, PaymentEventName.CAPTURED));
        assertTrue(modifications(reference).size() >= 2);
        assertTrue(modifications(reference).stream().allMatch(r -> key.equals(r.header("Idempotency-Key"))));
    }

    /** Captured outside this backend (e.g. in the portal): our record is behind, Vipps refuses with 6090. */
    @Test
    void aVippsRefusalIsAStaffReadableProblemWithVippsTraceId() throws Exception {
        Reference reference = orders.authorized();
        epayment.capture(reference.value(), io.github.vcl.vipps.model.Amount.nok(10000),
                io.github.vcl.vipps.IdempotencyKey.of("portal-capture-" + reference.value().substring(5)));
        HttpResponse<String> refused = post(reference, "capture", "");
        assertStatus(409, refused);
        JsonNode problem = json(refused);
        assertEquals("6090", problem.get("vippsErrorCode").asText());
        assertFalse(problem.get("traceId").asText().isBlank(), refused.body());
        assertEquals("Vipps MobilePay refused the capture of NOK 500.00: Cannot capture more than the reserved amount "
                + "(code 6090). Vipps MobilePay shows less left to capture than our record; the order was re-read "
                + "from Vipps.", problem.get("detail").asText());

        Order order = order(reference);
        assertEquals("FAILED", order.operations().get(0).status().name());
        assertEquals("6090", order.lastError().code());
        assertEquals(problem.get("traceId").asText(), order.lastError().traceId());
        assertEquals(10000, order.aggregate().captured().minor(), "re-read from Vipps");
        assertStatus(200, post(reference, "capture", ""));
        assertEquals(50000, order(reference).aggregate().captured().minor());
    }

    @ParameterizedTest(name = "Vipps answers {0}")
    @CsvSource({"423, Vipps MobilePay is busy with another change to this payment.",
            "429, Vipps MobilePay asked us to slow down.",
            "503, Vipps MobilePay had a temporary problem."})
    void anOpenAnswerLeavesTheOperationRecordedForTheReconciler(int status, String message) throws Exception {
        Reference reference = orders.authorized();
        world().simulator().faults().on(Operation.REFUND).forReference(reference.value()).respond(status).times(3);
        assertStatus(200, post(reference, "capture", ""));
        HttpResponse<String> refund = post(reference, "refund", "{\"amount\": 1000}");
        assertStatus(202, refund);
        assertTrue(json(refund).get("message").asText().startsWith(message + " The refund of NOK 10.00 is recorded"),
                refund.body());
        assertEquals(0, vippsEvents(reference, PaymentEventName.REFUNDED));

        reconciler.run(Instant.now().plus(Duration.ofSeconds(30)));
        Order order = order(reference);
        assertTrue(order.pendingOperation().isEmpty());
        assertEquals(1000, order.aggregate().refunded().minor());
        assertEquals(1, vippsEvents(reference, PaymentEventName.REFUNDED));
    }

    @Test
    void unauthenticatedOrWronglyAuthenticatedCallsChangeNothingAndTheShopKeyCannotRefund() throws Exception {
        Reference reference = orders.authorized();
        var before = world().tableSnapshot();
        assertStatus(401, post(reference.value(), "capture", "", Map.of()));
        assertStatus(401, post(reference.value(), "capture", "", Api.bearer("not-a-key")));
        assertStatus(401, post(reference.value(), "capture", "", Map.of("Authorization", "Basic a2FyaTpwdw==")));
        HttpResponse<String> supportOnly = post(reference.value(), "refund", "",
                Api.bearer(CheckoutWorld.SUPPORT_API_KEY));
        assertStatus(403, supportOnly);
        assertEquals("This API key may not refund payments.",
                json(supportOnly).get("detail").asText());
        // The shop server's key sits on an internet-facing machine: by default it may not refund.
        HttpResponse<String> shopRefund = post(reference.value(), "refund", "", Api.shopAuth());
        assertStatus(403, shopRefund);
        assertEquals("This API key may not refund payments.", json(shopRefund).get("detail").asText());
        assertEquals(before, world().tableSnapshot());
        assertEquals(List.of(), modifications(reference));

        HttpResponse<String> shop = post(reference.value(), "capture", "{\"amount\": 100}", Api.shopAuth());
        assertStatus(200, shop);
        assertEquals("shop", json(shop).at("/operation/requestedBy").asText());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "capture | {\"amount\": 10 | 400",
            "capture | [25000] | 400",
            "capture | {\"amount\": -100} | 400",
            "capture | {\"amount\": 0} | 400",
            "capture | {\"amount\": 125.5} | 400",
            "capture | {\"amount\": \"25000\"} | 400",
            "capture | {\"amout\": 25000} | 400",
            "capture | {\"amount\": 50001} | 422",
            "refund | {\"amount\": 100} | 409",
            "cancel | {\"amount\": 100} | 422",
            "capture | {\"amount\": 100, \"currency\": \"USD\"} | 400",
            "capture | {\"amount\": 100, \"currency\": \"EUR\"} | 422",
            "capture | {\"reason\": 42} | 400"})
    void badInputIsAProblemAndChangesNothing(String operation, String body, int status) throws Exception {
        Reference reference = orders.authorized();
        var before = world().tableSnapshot();
        HttpResponse<String> response = post(reference, operation, body);
        assertStatus(status, response);
        assertEquals("application/problem+json", response.headers().firstValue("content-type").orElseThrow());
        assertFalse(json(response).get("detail").asText().isBlank());
        assertEquals(before, world().tableSnapshot());
        assertEquals(List.of(), modifications(reference));
    }

    @Test
    void unknownReferencesAreNotFound() throws Exception {
        var before = world().tableSnapshot();
        assertStatus(404, post("test-000000-NOPE0000-1", "capture", "", Api.staffAuth()));
        assertStatus(404, post("no", "refund", "", Api.staffAuth()));
        assertEquals(before, world().tableSnapshot());
    }

    /** Go-live evidence: four orders ending AUTHORIZED, CAPTURED, REFUNDED and CANCELLED, printed for the check. */
    @Test
    void goLiveEvidenceFourOrdersInFourEndStates() throws Exception {
        Reference authorized = orders.authorized();
        Reference captured = orders.authorized();
        assertStatus(200, post(captured, "capture", ""));
        Reference refunded = orders.authorized();
        assertStatus(200, post(refunded, "capture", ""));
        assertStatus(200, post(refunded, "refund", ""));
        Reference cancelled = orders.authorized();
        assertStatus(200, post(cancelled, "cancel", ""));

        Map<Reference, OrderStatus> expected = Map.of(authorized, OrderStatus.AUTHORIZED,
                captured, OrderStatus.CAPTURED, refunded, OrderStatus.REFUNDED, cancelled, OrderStatus.CANCELLED);
        for (Reference reference : List.of(authorized, captured, refunded, cancelled)) {
            Order order = order(reference);
            LOG.infof("go-live evidence: %s %s (authorized %d, captured %d, refunded %d, cancelled %d øre)",
                    reference, order.status(), order.aggregate().authorized().minor(),
                    order.aggregate().captured().minor(), order.aggregate().refunded().minor(),
                    order.aggregate().cancelled().minor());
            assertEquals(expected.get(reference), order.status(), reference.value());
        }
        assertEquals(List.of(), world().simulator().violations());
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.order.Reference;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.reconcile.ReconcileService;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callers retrying capture, refund and cancel with their own Idempotency-Key, through the Lambda event path: a retry
 * is the same operation, never a second one, and Vipps is not asked again; the same key with another request is
 * refused.
 */
@QuarkusTest
@TestProfile(FunctionProfile.Operations.class)
class OperationRetriesTest extends FunctionTest {
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

    private AuthorizedOrders orders;

    @BeforeEach
    void orders() {
        orders = new AuthorizedOrders(checkout, poller, store);
    }

    /** The finding: a shop server retrying a partial capture of 5000 three times captured 15000 at Vipps. */
    @Test
    void aShopServerRetryingAPartialCaptureCapturesOnceAndCannotReuseTheKeyForAnotherAmount() throws Exception {
        Reference reference = orders.authorized();
        Map<String, String> shop = Api.shopAuth(); // one key: one intended capture
        JsonNode first = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> response = capture(reference, "{\"amount\": 5000}", shop);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            if (first == null) {
                first = body;
            }
            assertEquals(first.at("/operation/idempotencyKey"), body.at("/operation/idempotencyKey"));
        }
        assertEquals(1, captureCalls(reference), "Vipps was asked once");
        assertEquals(5000, capturedAtVipps(reference));

        HttpResponse<String> other = capture(reference, "{\"amount\": 6000}", shop);
        assertEquals(422, other.statusCode(), other.body());
        JsonNode problem = JSON.readTree(other.body());
        assertEquals("Idempotency-Key reused", problem.get("title").asText());
        assertTrue(problem.get("detail").asText().contains("nothing was changed"), other.body());
        assertEquals(1, captureCalls(reference));
        assertEquals(5000, capturedAtVipps(reference));
        assertEquals(5000, store.find(reference).orElseThrow().aggregate().captured().minor());
    }

    @Test
    void theShopKeyMustSendAnIdempotencyKeyStaffMayNot() throws Exception {
        Reference reference = orders.authorized();
        var before = world().tableSnapshot();
        Map<String, String> noKey = Api.bearer(io.github.vcl.testing.CheckoutWorld.SHOP_API_KEY);
        HttpResponse<String> refused = capture(reference, "{\"amount\": 5000}", noKey);
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("Idempotency-Key", JSON.readTree(refused.body()).at("/errors/0/field").asText());
        assertEquals(before, world().tableSnapshot());
        assertEquals(0, captureCalls(reference));

        assertEquals(200, capture(reference, "{\"amount\": 5000}", Api.staffAuth()).statusCode(),
                "a person in the staff view sees the answer; the view sends a key anyway");
    }

    /** A lost answer (Vipps busy): the retry gets the same recorded operation, and only the reconciler sends it. */
    @Test
    void aRetryAfterAnOpenAnswerGetsTheSameOperationWithoutAskingVippsAgain() throws Exception {
        Reference reference = orders.authorized();
        world().simulator().faults().on(Operation.CAPTURE).forReference(reference.value()).respond(503).times(3);
        Map<String, String> shop = Api.shopAuth();
        HttpResponse<String> open = capture(reference, "", shop);
        assertEquals(202, open.statusCode(), open.body());
        long callsAfterFirst = captureCalls(reference);

        HttpResponse<String> retry = capture(reference, "", shop);
        assertEquals(202, retry.statusCode(), retry.body());
        assertTrue(JSON.readTree(retry.body()).get("message").asText().startsWith("This request was already received"),
                retry.body());
        assertEquals(callsAfterFirst, captureCalls(reference), "a replay never calls Vipps");

        reconciler.run(Instant.now().plus(Duration.ofSeconds(30)));
        HttpResponse<String> done = capture(reference, "", shop);
        assertEquals(200, done.statusCode(), done.body());
        assertEquals(JSON.readTree(open.body()).at("/operation/idempotencyKey"),
                JSON.readTree(done.body()).at("/operation/idempotencyKey"));
        assertEquals(50000, capturedAtVipps(reference));
    }

    @Test
    void aRefusalIsAnsweredAgainForTheSameKey() throws Exception {
        Reference reference = orders.authorized();
        epayment.capture(reference.value(), Amount.nok(10000), IdempotencyKey.of("portal-" + UUID.randomUUID()));
        Map<String, String> shop = Api.shopAuth();
        HttpResponse<String> refused = capture(reference, "", shop);
        assertEquals(409, refused.statusCode(), refused.body());
        long calls = captureCalls(reference);
        HttpResponse<String> again = capture(reference, "", shop);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals(JSON.readTree(refused.body()).get("traceId"), JSON.readTree(again.body()).get("traceId"));
        assertEquals(calls, captureCalls(reference));
    }

    private static HttpResponse<String> capture(Reference reference, String body, Map<String, String> headers) {
        return Api.post("/orders/" + reference + "/capture", new HashMap<>(headers), body);
    }

    private static long captureCalls(Reference reference) {
        return world().simulator().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/epayment/v1/payments/" + reference
                        + "/capture"))
                .count();
    }

    private long capturedAtVipps(Reference reference) {
        return epayment.getPayment(reference.value()).aggregate().capturedAmount().value();
    }
}

package io.github.vcl.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.delivery.Delivery;
import io.github.vcl.order.Flow;
import io.github.vcl.order.HistoryEntry;
import io.github.vcl.order.Order;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.order.Source;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.Await;
import io.github.vcl.testing.Carts;
import io.github.vcl.testing.DynamoCallCounter;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.webhook.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /webhooks/vipps} through the local API Gateway and the Lambda event path, with the simulator delivering
 * signed ePayment events as Vipps does (registered at start, as infra/register-webhooks.sh does for a deployment).
 */
@QuarkusTest
@TestProfile(FunctionProfile.Webhooks.class)
class WebhookFunctionTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CheckoutService checkout;
    @Inject
    OrderStore store;
    @Inject
    ReconcileShards shards;
    @Inject
    EPaymentClient epayment;

    private Reference startEPayment() {
        return checkout.initiate(Carts.request(Carts.newShopOrderId(), Flow.EPAYMENT)).reference();
    }

    @Test
    void anApprovalArrivesByWebhookInOneConditionalWrite() {
        Reference reference = startEPayment();
        DynamoCallCounter.reset();
        world().simulator().customer().approve(reference.value());
        awaitAnswered(reference, "AUTHORIZED");
        assertEquals(Map.of("UpdateItem", 1L), DynamoCallCounter.all(), "no read, one conditional write");
        Order order = store.find(reference).orElseThrow();
        assertEquals(PaymentState.AUTHORIZED, order.paymentState());
        assertEquals(Source.WEBHOOK, last(order).source());
    }

    /** A refund made in the Vipps portal shows on the order within one webhook delivery. */
    @Test
    void capturesAndRefundsMadeInThePortalShowWithinOneDelivery() {
        Reference reference = startEPayment();
        world().simulator().customer().approve(reference.value());
        awaitAnswered(reference, "AUTHORIZED");
        epayment.capture(reference.value(), Amount.nok(30000), IdempotencyKey.of("portal-" + UUID.randomUUID()));
        awaitAnswered(reference, "CAPTURED");
        assertEquals(30000, store.find(reference).orElseThrow().aggregate().captured().minor());
        epayment.refund(reference.value(), Amount.nok(10000), IdempotencyKey.of("portal-" + UUID.randomUUID()));
        awaitAnswered(reference, "REFUNDED");
        Order order = store.find(reference).orElseThrow();
        assertEquals(10000, order.aggregate().refunded().minor());
        assertEquals(Source.WEBHOOK, last(order).source());
        assertEquals(List.of(), world().simulator().violations(), "every call kept the OpenAPI contract");
    }

    @Test
    void rejectionsAndExpiriesEndTheOrderWithoutAskingVipps() {
        Reference rejected = startEPayment();
        world().simulator().customer().reject(rejected.value());
        awaitAnswered(rejected, "ABORTED");
        assertEquals(PaymentState.ABORTED, store.find(rejected).orElseThrow().paymentState());
        Reference expired = startEPayment();
        world().simulator().customer().abandon(expired.value());
        awaitAnswered(expired, "EXPIRED");
        assertEquals(PaymentState.EXPIRED, store.find(expired).orElseThrow().paymentState());
        assertEquals(0, world().simulator().requests().stream()
                .filter(r -> r.path().equals("/epayment/v1/payments/" + rejected)
                        || r.path().equals("/epayment/v1/payments/" + expired)).count());
    }

    /** Forged, replayed, altered or otherwise signed deliveries: 401, nothing changes, no DynamoDB call at all. */
    @Test
    void anythingVippsDidNotSignIsRefusedWithoutTouchingTheTable() throws Exception {
        Reference reference = startEPayment();
        String body = "{\"msn\":\"" + world().simulator().credentials().merchantSerialNumber() + "\",\"reference\":\""
                + reference + "\",\"pspReference\":\"p-1\",\"name\":\"AUTHORIZED\",\"amount\":{\"currency\":\"NOK\","
                + "\"value\":50000},\"timestamp\":\"2026-11-30T10:00:00Z\",\"idempotencyKey\":null,\"success\":true}";
        String secret = world().webhook().secret();
        Instant now = Instant.now();
        var before = world().tableSnapshot();
        DynamoCallCounter.reset();
        assertEquals(401, deliver(body, Map.of("Content-Type", "application/json")).statusCode(), "no signature");
        assertEquals(401, deliver(body.replace("50000", "5000000"), signed(secret, body, now, "/webhooks/vipps"))
                .statusCode(), "altered after signing");
        assertEquals(401, deliver(body, signed(secret, body, now.minus(Duration.ofMinutes(6)), "/webhooks/vipps"))
                .statusCode(), "replayed: signed six minutes ago");
        assertEquals(401, deliver(body, signed("another-registration-secret", body, now, "/webhooks/vipps"))
                .statusCode(), "signed with another secret");
        assertEquals(401, deliver(body, signed(secret, body, now, "/elsewhere")).statusCode(),
                "signed for another URL");
        Map<String, String> noDate = new HashMap<>(signed(secret, body, now, "/webhooks/vipps"));
        noDate.remove("x-ms-date");
        assertEquals(401, deliver(body, noDate).statusCode(), "a header missing");
        assertEquals(Map.of(), DynamoCallCounter.all());
        assertEquals(before, world().tableSnapshot());

        Map<String, String> binary = new HashMap<>(signed(secret, body, now, "/webhooks/vipps"));
        binary.put("Content-Type", "application/octet-stream"); // API Gateway hands such a body over in base64
        HttpResponse<String> genuine = deliver(body, binary);
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertEquals(PaymentState.AUTHORIZED, store.find(reference).orElseThrow().paymentState());
        assertEquals(200, deliver(body, signed(secret, body, Instant.now(), "/webhooks/vipps")).statusCode());
        assertTrue(JSON.readTree(deliver(body, signed(secret, body, Instant.now(), "/webhooks/vipps")).body())
                .get("outcome").asText().equals("UNCHANGED"), "a duplicate is harmless");
    }

    /** Vipps too slow to be read within the delivery: answered at once, and the reconciler reads it next run. */
    @Test
    void whenThePaymentCannotBeReadInTimeTheReconcilerIsAskedToReadIt() {
        Reference reference = startEPayment();
        world().simulator().customer().approve(reference.value());
        awaitAnswered(reference, "AUTHORIZED");
        world().simulator().faults().on(Operation.GET_PAYMENT).forReference(reference.value()).respond(503).times(3);
        epayment.capture(reference.value(), Amount.nok(20000), IdempotencyKey.of("portal-" + UUID.randomUUID()));
        awaitAnswered(reference, "CAPTURED");
        assertEquals(0, store.find(reference).orElseThrow().aggregate().captured().minor(), "not read yet");
        assertTrue(store.needingReconciliation(shards.keyOf(reference), Instant.now(), 1000, null).items().stream()
                .anyMatch(p -> p.order().reference().equals(reference)), "due for the reconciler now");
    }

    private static HttpResponse<String> deliver(String body, Map<String, String> headers) {
        return Api.post("/webhooks/vipps", headers, body);
    }

    private static Map<String, String> signed(String secret, String body, Instant at, String path) {
        URI registered = world().gateway().baseUrl().resolve(path);
        String date = WebhookSignature.formatDate(at);
        String hash = WebhookSignature.contentHash(body.getBytes(StandardCharsets.UTF_8));
        return Map.of("Content-Type", "application/json", "x-ms-date", date, "x-ms-content-sha256", hash,
                "Authorization", WebhookSignature.authorizationHeader(secret, WebhookSignature.pathAndQuery(registered),
                        WebhookSignature.host(registered), date, hash));
    }

    /** The simulator's answered delivery of {@code event} for the reference (the order's write is done by then). */
    private static Delivery awaitAnswered(Reference reference, String event) {
        List<Delivery> answered = Await.until(() -> world().simulator().deliveries(Delivery.Channel.WEBHOOK).stream()
                .filter(d -> d.status() == 200 && d.body().contains("\"" + reference + "\"")
                        && d.body().contains("\"name\":\"" + event + "\"")).toList(),
                list -> !list.isEmpty(), event + " delivered for " + reference);
        return answered.get(0);
    }

    private static HistoryEntry last(Order order) {
        return order.history().get(order.history().size() - 1);
    }
}

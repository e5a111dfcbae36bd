package io.github.vcl.bench;

import io.github.vcl.function.WebhookFunction;
import io.github.vcl.function.http.HttpApiEvent;
import io.github.vcl.function.http.HttpApiResponse;
import io.github.vcl.order.Flow;
import io.github.vcl.order.PaymentState;
import io.github.vcl.order.Reference;
import io.github.vcl.testing.Await;
import io.github.vcl.testing.Carts;
import io.github.vcl.vipps.webhook.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With Vipps' webhooks registered: {@link OrderLifeBenchmark}'s calls per order, and the webhook handler (verify the
 * signature, parse, decide, one conditional write) against one bare conditional {@code UpdateItem}, interleaved,
 * medians and their ratio.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(OrderLifeProfile.Webhooks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookBenchmarkTest extends OrderLifeBenchmark {
    private static final Logger LOG = Logger.getLogger(WebhookBenchmarkTest.class);
    static final String MODE = "with webhooks";
    private static final int DELIVERIES = Integer.getInteger("bench.webhooks", 500);

    @Inject
    WebhookFunction webhookFunction;
    @Inject
    DynamoDbClient dynamo;

    @Override
    protected String mode() {
        return MODE;
    }

    @Override
    protected void awaitApprovals(List<Reference> references) {
        Await.until(() -> references.stream().filter(r -> store.find(r).orElseThrow().paymentState()
                == PaymentState.AUTHORIZED).count(), n -> n == references.size(), "approvals by webhook");
    }

    @Test
    @Order(1)
    void callsPerPaidAndCapturedOrder() {
        measureCallsPerOrder();
    }

    @Test
    @Order(2)
    void handlerAgainstABareConditionalUpdate() {
        world().simulator().faults().webhooks().dropNext(Integer.MAX_VALUE); // the handler gets them from here
        List<HttpApiEvent> deliveries = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            Reference reference = checkout.initiate(Carts.request(Carts.newShopOrderId(), Flow.EPAYMENT)).reference();
            world().simulator().customer().approve(reference.value());
            deliveries.add(authorized(reference));
        }
        BareUpdate baseline = new BareUpdate(dynamo, config.ordersTable(), 50);
        long[] handler = new long[deliveries.size()];
        long[] bare = new long[deliveries.size()];
        for (int i = 0; i < deliveries.size(); i++) {
            long start = System.nanoTime();
            HttpApiResponse response = webhookFunction.webhook(deliveries.get(i));
            handler[i] = System.nanoTime() - start;
            bare[i] = baseline.timed();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(true, response.body().contains("APPLIED"), response.body());
        }
        double handlerMedian = BareUpdate.medianMillis(handler);
        double bareMedian = BareUpdate.medianMillis(bare);
        LOG.warnf("BENCHMARK webhook: %d AUTHORIZED deliveries, handler median %.3f ms, bare conditional UpdateItem "
                + "median %.3f ms, ratio %.2f", deliveries.size(), handlerMedian, bareMedian,
                handlerMedian / bareMedian);
    }

    /** The delivery Vipps sends when the customer approves, signed with the registration's secret, as now. */
    private HttpApiEvent authorized(Reference reference) {
        String body = "{\"msn\":\"" + world().simulator().credentials().merchantSerialNumber() + "\",\"reference\":\""
                + reference + "\",\"pspReference\":\"psp-" + reference + "\",\"name\":\"AUTHORIZED\",\"amount\":"
                + "{\"currency\":\"NOK\",\"value\":50000},\"timestamp\":\"" + clock.instant() + "\","
                + "\"idempotencyKey\":null,\"success\":true}";
        URI registered = world().webhook().url();
        String date = WebhookSignature.formatDate(clock.instant());
        String hash = WebhookSignature.contentHash(body.getBytes(StandardCharsets.UTF_8));
        String authorization = WebhookSignature.authorizationHeader(world().webhook().secret(),
                WebhookSignature.pathAndQuery(registered), WebhookSignature.host(registered), date, hash);
        return new HttpApiEvent("2.0", "POST /webhooks/vipps", "/webhooks/vipps", "", Map.of("content-type",
                "application/json", "x-ms-date", date, "x-ms-content-sha256", hash, "authorization", authorization),
                null, null, null, body, false);
    }
}

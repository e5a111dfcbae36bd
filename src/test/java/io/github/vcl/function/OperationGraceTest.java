package io.github.vcl.function;

import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.order.Reference;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.reconcile.ReconcileService;
import io.github.vcl.store.OrderStore;
import io.github.vcl.testing.Api;
import io.github.vcl.testing.AuthorizedOrders;
import io.github.vcl.testing.Await;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The finding: the reconciler re-sent a PENDING operation at once, while the staff call that recorded it was still
 * waiting on Vipps, and a refusal to either sender dropped the other's success. Now the reconciler leaves an
 * operation to its own call for a grace period longer than that call can take.
 */
@QuarkusTest
@TestProfile(FunctionProfile.OperationsWithGrace.class)
class OperationGraceTest extends FunctionTest {
    @Inject
    CheckoutService checkout;
    @Inject
    PaymentPoller poller;
    @Inject
    OrderStore store;
    @Inject
    ReconcileService reconciler;

    @Test
    void theReconcilerLeavesAnOperationInFlightToTheCallThatRecordedIt() throws Exception {
        Reference reference = new AuthorizedOrders(checkout, poller, store).authorized();
        world().simulator().faults().on(Operation.CAPTURE).forReference(reference.value())
                .delay(Duration.ofMillis(1500)).times(1);
        CompletableFuture<HttpResponse<String>> staff = CompletableFuture.supplyAsync(() ->
                Api.post("/orders/" + reference + "/capture", Api.staffAuth(), ""));
        Await.until(() -> store.find(reference).orElseThrow().pendingOperation(), op -> op.isPresent(),
                "the capture recorded");

        reconciler.run(Instant.now().plus(Duration.ofSeconds(20)));
        assertEquals(0, world().simulator().requests().stream().filter(r -> r.path().startsWith(
                "/epayment/v1/payments/" + reference + "/")).filter(r -> !r.path().endsWith("/capture")).count(),
                "the reconciler did not touch the operation in flight (no event log read, no resend)");
        HttpResponse<String> answer = staff.get();
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, world().simulator().requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/epayment/v1/payments/" + reference + "/capture")).count(),
                "only the staff call sent the capture");
        assertEquals(50000, store.find(reference).orElseThrow().aggregate().captured().minor());
    }
}

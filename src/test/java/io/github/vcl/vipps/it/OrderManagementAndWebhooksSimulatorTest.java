package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.ordermanagement.ReceiptOutcome;
import io.github.vcl.vipps.ordermanagement.model.OrderCategory;
import io.github.vcl.vipps.ordermanagement.model.OrderInfo;
import io.github.vcl.vipps.webhook.model.Webhook;
import io.github.vcl.vipps.webhook.model.WebhookEvents;
import io.github.vcl.vipps.webhook.model.WebhookRegistration;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class OrderManagementAndWebhooksSimulatorTest {

    private static VippsSimulator sim;
    private static VippsClients clients;

    @BeforeAll
    static void start() {
        sim = VippsSimulator.start();
        clients = new SimulatedVipps().clients(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String paidOrder() {
        String reference = SimulatedVipps.newReference();
        clients.epayment().createPayment(Requests.payment(reference, 49900), IdempotencyKey.of(reference + "-c"));
        sim.customer().approve(reference);
        return reference;
    }

    @Test
    void postsAReceiptOnceAndReadsItBack() {
        String reference = paidOrder();

        assertEquals(ReceiptOutcome.CREATED, clients.orderManagement().postReceipt(reference, Requests.receipt()));

        OrderInfo order = clients.orderManagement().getOrder(reference).orElseThrow();
        assertEquals(2, order.receipt().orderLines().size());
        assertEquals(2500, order.receipt().orderLines().get(0).taxRate());
        assertTrue(order.receipt().orderLines().get(1).isShipping());
        assertTrue(SimulatedVipps.requestsTo(sim, "POST", "/order-management/v2/ecom/receipts/" + reference)
                .size() == 1, "lowercase ecom path");

        assertEquals(ReceiptOutcome.ALREADY_EXISTED,
                clients.orderManagement().postReceipt(reference, Requests.receipt()), "write-once, repeatable");
    }

    @Test
    void putsACategoryAndOverwritesIt() {
        String reference = paidOrder();

        clients.orderManagement().putCategory(reference,
                OrderCategory.of("ORDER_CONFIRMATION", "https://shop.example/orders/" + reference));
        clients.orderManagement().putCategory(reference,
                OrderCategory.of("DELIVERY", "https://shop.example/orders/" + reference + "/tracking"));

        OrderInfo order = clients.orderManagement().getOrder(reference).orElseThrow();
        assertEquals("DELIVERY", order.category().category());
    }

    @Test
    void anOrderWithoutDataIsEmpty() {
        assertEquals(Optional.empty(), clients.orderManagement().getOrder(SimulatedVipps.newReference()));
    }

    @Test
    void anInvalidReceiptIsA400WithInvalidParams() {
        String reference = paidOrder();
        VippsApiException e = assertThrows(VippsApiException.class, () -> clients.orderManagement()
                .postReceipt(reference, new io.github.vcl.vipps.ordermanagement.model.Receipt(List.of(),
                        io.github.vcl.vipps.ordermanagement.model.BottomLine.of("NOK"))));
        assertEquals(400, e.httpStatus());
        assertFalse(e.extraDetails().isEmpty());
    }

    @Test
    void registersListsAndDeletesWebhooks() {
        WebhookRegistration registration = clients.webhooks().register("https://shop.example/vipps/webhooks",
                List.of(WebhookEvents.AUTHORIZED, WebhookEvents.ABORTED, WebhookEvents.EXPIRED,
                        WebhookEvents.TERMINATED));
        assertFalse(registration.secret().isBlank());
        assertFalse(registration.toString().contains(registration.secret()));

        List<Webhook> listed = clients.webhooks().list();
        assertTrue(listed.stream().anyMatch(w -> w.id().equals(registration.id())
                && w.events().contains(WebhookEvents.AUTHORIZED)), listed.toString());

        clients.webhooks().delete(registration.id());

        assertTrue(clients.webhooks().list().stream().noneMatch(w -> w.id().equals(registration.id())));
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> clients.webhooks().delete(registration.id()));
        assertEquals(404, e.httpStatus());
    }
}

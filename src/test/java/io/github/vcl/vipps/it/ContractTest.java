package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.model.Amount;
import io.github.vcl.vipps.ordermanagement.model.OrderCategory;
import io.github.vcl.vipps.webhook.model.WebhookEvents;
import io.github.vcl.vipps.webhook.model.WebhookRegistration;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole client surface against a fresh simulator: the simulator checks every request against the
 * official (patched) OpenAPI files, and every request must carry the Vipps headers.
 */
@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class ContractTest {

    private static final List<String> ALWAYS = List.of("Vipps-System-Name", "Vipps-System-Version",
            "Vipps-System-Plugin-Name", "Vipps-System-Plugin-Version", "Merchant-Serial-Number",
            "Ocp-Apim-Subscription-Key");

    @Test
    void theWholeClientSurfaceKeepsTheContract() {
        try (VippsSimulator sim = VippsSimulator.start()) {
            VippsClients clients = new SimulatedVipps().clients(sim);

            // Checkout: create, poll, approve, poll; then money through ePayment
            String session = SimulatedVipps.newReference();
            clients.checkout().createSession(Requests.session(session), IdempotencyKey.of(session + "-session"));
            clients.checkout().getSession(session);
            sim.customer().approve(session);
            clients.checkout().getSession(session);
            clients.checkout().getSession(SimulatedVipps.newReference()); // 404 -> empty
            String abandoned = SimulatedVipps.newReference();
            clients.checkout().createSession(Requests.session(abandoned), IdempotencyKey.of(abandoned + "-session"));
            clients.checkout().expireSession(abandoned);
            clients.epayment().getPayment(session);
            clients.epayment().capture(session, Amount.nok(20000), IdempotencyKey.of(session + "-capture-1"));
            clients.epayment().refund(session, Amount.nok(5000), IdempotencyKey.of(session + "-refund-1"));
            clients.epayment().cancel(session, false, IdempotencyKey.of(session + "-cancel-1"));
            clients.epayment().getEventLog(session);

            // ePayment-created payment, cancelled before approval; its receipt and category
            String payment = SimulatedVipps.newReference();
            clients.epayment().createPayment(Requests.payment(payment, 49900).withReceipt(Requests.receipt()),
                    IdempotencyKey.of(payment + "-create"));
            clients.epayment().cancel(payment, true, IdempotencyKey.of(payment + "-cancel-1"));
            String order = SimulatedVipps.newReference();
            clients.epayment().createPayment(Requests.payment(order, 49900), IdempotencyKey.of(order + "-create"));
            sim.customer().approve(order);
            clients.orderManagement().postReceipt(order, Requests.receipt());
            clients.orderManagement().putCategory(order,
                    OrderCategory.of("ORDER_CONFIRMATION", "https://shop.example/orders/" + order));
            clients.orderManagement().getOrder(order);

            // Webhooks
            WebhookRegistration hook = clients.webhooks().register("https://shop.example/vipps/webhooks",
                    List.of(WebhookEvents.AUTHORIZED, WebhookEvents.TERMINATED));
            clients.webhooks().list();
            clients.webhooks().delete(hook.id());

            assertEquals(List.of(), sim.violations());
            List<RecordedRequest> requests = sim.requests();
            Set<VippsOperation> covered = EnumSet.noneOf(VippsOperation.class);
            for (RecordedRequest request : requests) {
                for (String header : ALWAYS) {
                    assertNotNull(request.header(header), header + " missing on " + request.method() + " "
                            + request.path());
                    assertFalse(request.header(header).isBlank());
                }
                covered.add(operationOf(request));
            }
            assertEquals(EnumSet.allOf(VippsOperation.class), covered,
                    "every client operation was exercised: missing " + EnumSet.complementOf(
                            EnumSet.copyOf(covered)));
            assertTrue(requests.stream().allMatch(r -> r.header("Vipps-System-Name").length() <= 30));
        }
    }

    private static VippsOperation operationOf(RecordedRequest request) {
        for (VippsOperation operation : VippsOperation.values()) {
            String regex = operation.pathTemplate().replaceAll("\\{[^}]+}", "[^/]+");
            if (operation.method().equals(request.method()) && Pattern.matches(regex, request.path())) {
                return operation;
            }
        }
        throw new AssertionError("unexpected request " + request.method() + " " + request.path()
                + "; known: " + EnumSet.allOf(VippsOperation.class).stream().map(VippsOperation::endpoint)
                .collect(Collectors.joining(", ")));
    }
}

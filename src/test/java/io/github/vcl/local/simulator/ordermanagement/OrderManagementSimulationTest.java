package io.github.vcl.local.simulator.ordermanagement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.SimulatorClient;
import io.github.vcl.local.simulator.VippsSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderManagementSimulationTest {

    private final VippsSimulator sim = VippsSimulator.start();
    private final SimulatorClient client = new SimulatorClient(sim);
    private final String orderId = SimulatorClient.reference();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aReceiptIsWrittenOnce() {
        String path = "/order-management/v2/ecom/receipts/" + orderId;

        assertEquals(201, client.bearer("POST", path, SimulatorClient.receipt()).statusCode());
        assertEquals(409, client.bearer("POST", path, SimulatorClient.receipt()).statusCode());
        assertEquals(List.of(), sim.violations());
    }

    @Test
    void categoryAndReceiptAreReadBack() {
        client.bearer("POST", "/order-management/v2/ecom/receipts/" + orderId, SimulatorClient.receipt());
        String category = "{\"category\": \"GENERAL\", \"orderDetailsUrl\": \"https://shop.example/orders/1\"}";
        assertEquals(200, client.bearer("PUT", "/order-management/v2/ecom/categories/" + orderId, category)
                .statusCode());

        JsonNode order = SimulatorClient.json(client.bearer("GET", "/order-management/v2/ecom/" + orderId, null));

        assertEquals("GENERAL", order.at("/category/category").asText());
        assertEquals("Socks", order.at("/receipt/orderLines/0/name").asText());
        assertEquals(List.of(), sim.violations());
    }

    @Test
    void anUnknownCategoryIsAViolation() {
        String category = "{\"category\": \"NOT_A_CATEGORY\", \"orderDetailsUrl\": \"https://shop.example/o/1\"}";

        assertEquals(400, client.bearer("PUT", "/order-management/v2/ecom/categories/" + orderId, category)
                .statusCode());
        assertEquals(1, sim.violations().size());
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertEquals(404, client.bearer("GET", "/order-management/v2/ecom/" + orderId, null).statusCode());
    }
}

package io.github.vcl.local.simulator.ordermanagement;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.Problems;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.SimulatedResponse;
import io.github.vcl.local.simulator.SimulatorState;
import java.util.UUID;

/**
 * Order Management v2 receipts, categories and read-back. Like the real API it does not check that the order
 * exists (docs/vipps-rules.md#order-management); receipts are write-once.
 */
public final class OrderManagementApi {

    private final SimulatorState state;

    public OrderManagementApi(SimulatorState state) {
        this.state = state;
    }

    public SimulatedResponse handle(Operation.Match match, RecordedRequest request) {
        String orderId = match.pathParameter("reference");
        switch (match.operation()) {
            case ADD_RECEIPT -> {
                if (state.receipts.containsKey(orderId)) {
                    return Problems.plain(409, "A receipt already exists for order " + orderId, request.path());
                }
                state.receipts.put(orderId, Json.parse(request.body()).orElseThrow());
                return SimulatedResponse.json(201, TextNode.valueOf(UUID.randomUUID().toString()));
            }
            case PUT_CATEGORY -> {
                state.categories.put(orderId, Json.parse(request.body()).orElseThrow());
                return SimulatedResponse.json(200, TextNode.valueOf(UUID.randomUUID().toString()));
            }
            case GET_ORDER -> {
                if (!state.receipts.containsKey(orderId) && !state.categories.containsKey(orderId)) {
                    return Problems.plain(404, "No order data for " + orderId, request.path());
                }
                ObjectNode order = Json.object();
                if (state.categories.containsKey(orderId)) {
                    order.set("category", state.categories.get(orderId));
                }
                if (state.receipts.containsKey(orderId)) {
                    order.set("receipt", state.receipts.get(orderId));
                }
                return SimulatedResponse.json(200, order);
            }
            default -> throw new IllegalStateException("Not an Order Management operation: " + match.operation());
        }
    }
}

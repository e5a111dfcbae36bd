package io.github.vcl.local.simulator.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.Problems;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.SimulatedResponse;
import io.github.vcl.local.simulator.SimulatorState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Webhooks v1: register, list and delete registrations. */
public final class WebhooksApi {

    private final SimulatorState state;

    public WebhooksApi(SimulatorState state) {
        this.state = state;
    }

    public SimulatedResponse handle(Operation.Match match, RecordedRequest request) {
        switch (match.operation()) {
            case REGISTER_WEBHOOK -> {
                JsonNode body = Json.parse(request.body()).orElseThrow();
                List<String> events = new ArrayList<>();
                body.path("events").forEach(e -> events.add(e.asText()));
                WebhookRegistration registration =
                        state.webhooks.register(URI.create(body.path("url").asText()), events);
                return SimulatedResponse.json(201,
                        Json.object().put("id", registration.id()).put("secret", registration.secret()));
            }
            case LIST_WEBHOOKS -> {
                return SimulatedResponse.json(200, state.webhooks.toJson());
            }
            case DELETE_WEBHOOK -> {
                return state.webhooks.delete(match.pathParameter("id"))
                        ? SimulatedResponse.empty(204)
                        : Problems.plain(404, "No such webhook", request.path());
            }
            default -> throw new IllegalStateException("Not a Webhooks operation: " + match.operation());
        }
    }
}

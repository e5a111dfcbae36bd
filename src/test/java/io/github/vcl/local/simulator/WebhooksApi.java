package io.github.vcl.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Webhooks v1: register, list and delete registrations. */
final class WebhooksApi {

    private final SimulatorState state;

    WebhooksApi(SimulatorState state) {
        this.state = state;
    }

    SimulatedResponse handle(Operation.Match match, RecordedRequest request) {
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

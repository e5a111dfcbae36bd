package io.github.vcl.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer the simulator sends; kept as a value so idempotent replays return the very same bytes. */
public record SimulatedResponse(int status, Map<String, String> headers, byte[] body) {

    public static SimulatedResponse json(int status, JsonNode body) {
        return withBody(status, "application/json;charset=UTF-8", Json.bytes(body));
    }

    static SimulatedResponse problem(int status, JsonNode body) {
        return withBody(status, "application/problem+json", Json.bytes(body));
    }

    public static SimulatedResponse html(int status, String body) {
        return withBody(status, "text/html;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
    }

    public static SimulatedResponse empty(int status) {
        return new SimulatedResponse(status, Map.of(), new byte[0]);
    }

    public static SimulatedResponse redirect(String location) {
        return new SimulatedResponse(303, Map.of("Location", location), new byte[0]);
    }

    SimulatedResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimulatedResponse(status, copy, body);
    }

    private static SimulatedResponse withBody(int status, String contentType, byte[] body) {
        return new SimulatedResponse(status, Map.of("Content-Type", contentType), body);
    }
}

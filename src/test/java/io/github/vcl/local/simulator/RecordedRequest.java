package io.github.vcl.local.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the simulator received, as it arrived.
 *
 * @param headers header names as sent; look them up with {@link #header(String)}, which ignores case
 */
public record RecordedRequest(Instant receivedAt, String method, String path, String query,
        Map<String, List<String>> headers, byte[] body) {

    public static RecordedRequest read(HttpExchange exchange, Instant receivedAt) throws IOException {
        return new RecordedRequest(receivedAt, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                exchange.getRequestBody().readAllBytes());
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }
}

package io.github.vcl.vipps.http;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP answer read completely into memory (Vipps bodies are small). Keeps the retry and error logic free of
 * JAX-RS types, so it is unit-testable without Quarkus.
 */
public record RawResponse(int status, Map<String, List<String>> headers, String body) {

    public RawResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        headers = copy;
        body = body == null ? "" : body;
    }

    public static RawResponse of(int status, String body, Map<String, List<String>> headers) {
        return new RawResponse(status, headers, body);
    }

    public static RawResponse of(int status, String body) {
        return new RawResponse(status, Map.of(), body);
    }

    /** Reads the whole entity as a String and closes the response. */
    public static RawResponse read(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.getStringHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            return new RawResponse(response.getStatus(), headers, body);
        } finally {
            response.close();
        }
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> contentType() {
        return header("Content-Type").map(v -> v.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        // bodies may contain personal data; never print them by accident
        return "RawResponse[status=" + status + ", bodyLength=" + body.length() + "]";
    }
}

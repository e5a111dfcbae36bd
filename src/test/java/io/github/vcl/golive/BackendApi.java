package io.github.vcl.golive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.vcl.vipps.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The backend's HTTP API, called as the deployment is used: the shop server's key for sessions and their status, a
 * staff key for operations and support. Keys go in the {@code Authorization} header only.
 */
final class BackendApi {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private final URI api;
    private final Secret shopKey;
    private final Secret staffKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    BackendApi(URI api, Secret shopKey, Secret staffKey) {
        this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
        this.shopKey = shopKey;
        this.staffKey = staffKey;
    }

    URI base() {
        return api;
    }

    /** One answer of the API: status, content type and body (JSON when it is JSON). */
    record Answer(String route, int status, String contentType, String body, JsonNode json, Instant at,
                  Optional<String> location) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** An RFC 9457 problem from one of our functions (not, say, API Gateway's bare 404 of a missing route). */
        boolean problem() {
            return contentType.startsWith("application/problem+json");
        }

        String text(String field) {
            JsonNode node = json.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        /** What a person reads: the problem's detail, else its title, else the start of the body. */
        String words() {
            String detail = text("detail");
            if (detail != null) {
                return detail;
            }
            String title = text("title");
            if (title != null) {
                return title;
            }
            String message = text("message");
            return message != null ? message : body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }

        String describe() {
            return route + " → " + status + (problem() ? " (problem+json)" : "") + ": " + words();
        }
    }

    Answer initiate(String body, String idempotencyKey) {
        return send("POST /checkout/sessions", "checkout/sessions", "POST", body, shopKey, idempotencyKey);
    }

    Answer status(String reference) {
        return send("GET /checkout/sessions/{reference}", "checkout/sessions/" + reference, "GET", null, shopKey,
                null);
    }

    /** {@code POST /orders/{reference}/capture|refund|cancel} with a staff key and an Idempotency-Key. */
    Answer operation(String reference, String type, String body, String idempotencyKey) {
        return send("POST /orders/{reference}/" + type, "orders/" + reference + "/" + type, "POST",
                body == null ? "{}" : body, staffKey, idempotencyKey);
    }

    Answer detail(String reference) {
        return send("GET /orders/{reference}", "orders/" + reference, "GET", null, staffKey, null);
    }

    Answer search(String query) {
        return send("GET /orders", "orders?" + query, "GET", null, staffKey, null);
    }

    /** A page of ours the customer's browser would open (no key), e.g. the return page. */
    Answer open(String route, URI url) {
        return exchange(route, HttpRequest.newBuilder(url).GET());
    }

    /** A POST as Vipps or a browser would send it (no key), e.g. a callback. */
    Answer open(String route, URI url, String body) {
        return exchange(route, HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    private Answer send(String route, String path, String method, String body, Secret key, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key.reveal());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(route, request);
    }

    private Answer exchange(String route, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(route, response.statusCode(), type, response.body(), parse(response.body()),
                    Instant.now(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            throw new Unreachable(route + ": the API at " + api + " did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(route + ": interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The API could not be reached at all. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }
}

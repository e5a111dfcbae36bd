package io.github.vcl.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.vcl.local.gateway.LocalGateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The clients' side of the HTTP API (shop server, staff, customer's browser) and of the simulator's customer page:
 * one request, one {@link Reply}. A lost answer (timeout, broken connection) is a reply too, so callers decide whether
 * to retry with the same Idempotency-Key.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the caller got: an answer, or none. */
    record Reply(int status, String body, String contentType, String requestId, Optional<Duration> retryAfter,
                 String location, Lost lost, java.time.Instant sentAt, long millis) {

        /** Why there is no answer: none came in time, the connection broke, or it came and the network lost it. */
        enum Lost { NO, TIMEOUT, BROKEN, DROPPED }

        boolean answered() {
            return lost == Lost.NO;
        }

        /** A problem document (RFC 9457) from our code, as opposed to a bare platform answer. */
        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }

        /** Worth retrying with the same key: no answer, a 5xx, or 429. */
        boolean retryable() {
            return !answered() || status >= 500 || status == 429;
        }

        @Override
        public String toString() {
            return answered() ? status + " " + (body == null ? "" : body.length() > 300 ? body.substring(0, 300)
                    + "…" : body) : "no answer (" + lost + ")";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI api;
    private final URI simulator;

    Api(URI api, URI simulator) {
        this.api = api;
        this.simulator = simulator;
    }

    Reply post(String path, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(timeout)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    Reply get(String pathAndQuery, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(pathAndQuery)).timeout(timeout).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    /** The customer presses a button on the simulated Vipps MobilePay page (approve, reject or abandon). */
    Reply customer(String reference, String action) {
        return send(HttpRequest.newBuilder(URI.create(simulator + "/checkout-frontend/" + reference + "/" + action))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The customer opens the page behind {@code checkoutFrontendUrl}. */
    Reply open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    private Reply send(HttpRequest request) {
        java.time.Instant sentAt = java.time.Instant.now();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(Api::seconds);
            String location = response.headers().firstValue("Location").orElse(null);
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue(LocalGateway.REQUEST_ID_HEADER).orElse(null), retryAfter, location,
                    Reply.Lost.NO, sentAt, (System.nanoTime() - start) / 1_000_000);
        } catch (HttpTimeoutException e) {
            return new Reply(0, null, null, null, Optional.empty(), null, Reply.Lost.TIMEOUT, sentAt,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Reply(0, null, null, null, Optional.empty(), null, Reply.Lost.BROKEN, sentAt,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, null, null, Optional.empty(), null, Reply.Lost.BROKEN, sentAt,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package io.github.vcl.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls to the local gateway, as a shop server, Vipps or a browser would make them. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    public static HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    public static HttpResponse<String> get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(url(path)).GET(), headers);
    }

    /**
     * As the shop server: its key and a fresh Idempotency-Key, as for a new action (the shop key must send one on
     * every POST); to retry an action, send its headers again.
     */
    public static Map<String, String> shopAuth() {
        Map<String, String> headers = new java.util.HashMap<>(bearer(CheckoutWorld.SHOP_API_KEY));
        headers.put("Idempotency-Key", java.util.UUID.randomUUID().toString());
        return Map.copyOf(headers);
    }

    /** As staff member "kari" (operations and support). */
    public static Map<String, String> staffAuth() {
        return bearer(CheckoutWorld.STAFF_API_KEY);
    }

    public static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json");
    }

    private static URI url(String path) {
        return CheckoutWorld.current().gateway().baseUrl().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.github.vcl.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a loopback port answering Secrets Manager's {@code GetSecretValue} (JSON 1.1) for the secrets
 * put into it. Records each request's headers so tests can check the SigV4 signature is there. Test-only.
 */
public final class FakeSecretsManager implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Call(String target, String authorization, String securityToken, String secretId) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private FakeSecretsManager(HttpServer server) {
        this.server = server;
    }

    public static FakeSecretsManager start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            FakeSecretsManager fake = new FakeSecretsManager(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public FakeSecretsManager put(String arn, Map<String, String> json) {
        try {
            secrets.put(arn, JSON.writeValueAsString(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public FakeSecretsManager putRaw(String arn, String secretString) {
        secrets.put(arn, secretString);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String secretId = request.path("SecretId").asText();
            calls.add(new Call(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"), secretId));
            String value = secrets.get(secretId);
            boolean signed = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                    .startsWith("AWS4-HMAC-SHA256 ");
            if (!"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    || !signed) {
                reply(exchange, 400, Map.of("__type", "com.amazon.coral.service#UnrecognizedClientException",
                        "message", "unsigned or unknown request"));
            } else if (value == null) {
                reply(exchange, 400, Map.of("__type", "com.amazonaws.secretsmanager#ResourceNotFoundException",
                        "message", "Secrets Manager can't find the specified secret."));
            } else {
                reply(exchange, 200, Map.of("ARN", secretId, "Name", secretId, "SecretString", value,
                        "VersionId", "v1"));
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

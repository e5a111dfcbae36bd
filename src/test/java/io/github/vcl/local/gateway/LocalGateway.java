package io.github.vcl.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Plays API Gateway (HTTP API, payload 2.0) on a loopback port: turns each HTTP request into the event AWS would send,
 * hands it to the function that serves the route, and turns the function's result back into HTTP. Local-only.
 */
public final class LocalGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The response header naming API Gateway's request id ({@code requestContext.requestId} in the event). */
    public static final String REQUEST_ID_HEADER = "Apigw-Requestid";

    private final HttpServer server;
    private final List<Route> routes;
    private final FunctionInvoker invoker;

    private LocalGateway(HttpServer server, List<Route> routes, FunctionInvoker invoker) {
        this.server = server;
        this.routes = routes;
        this.invoker = invoker;
    }

    public static LocalGateway start(int port, List<Route> routes, FunctionInvoker invoker) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            LocalGateway gateway = new LocalGateway(server, routes, invoker);
            server.createContext("/", gateway::handle);
            // API Gateway has no small limit of open requests: one thread per request in flight
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local gateway", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            Optional<Map.Entry<Route, Map<String, String>>> matched = routes.stream()
                    .flatMap(r -> r.match(method, path).map(p -> Map.entry(r, p)).stream())
                    .findFirst();
            if (matched.isEmpty()) {
                reply(exchange, 404, Map.of("content-type", "application/json"),
                        "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            // API Gateway names every request in the Apigw-Requestid response header, as in the event's requestContext
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().add(REQUEST_ID_HEADER, requestId);
            String event = event(exchange, matched.get().getKey(), matched.get().getValue(), body, requestId);
            String result;
            try {
                result = invoker.invoke(matched.get().getKey().function(), event);
            } catch (FunctionInvoker.FunctionUnavailableException e) {
                reply(exchange, 503, Map.of("content-type", "application/json"),
                        JSON.writeValueAsBytes(Map.of("message", e.getMessage())));
                return;
            }
            JsonNode response = JSON.readTree(result);
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            JsonNode bodyNode = response.path("body");
            byte[] out = bodyNode.isNull() || bodyNode.isMissingNode() ? new byte[0]
                    : response.path("isBase64Encoded").asBoolean()
                    ? Base64.getDecoder().decode(bodyNode.asText())
                    : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
            reply(exchange, response.path("statusCode").asInt(502), headers, out);
        } catch (RuntimeException | Error e) {
            java.util.logging.Logger.getLogger(LocalGateway.class.getName()).log(java.util.logging.Level.WARNING,
                    "gateway failure", e);
            reply(exchange, 502, Map.of("content-type", "application/json"),
                    "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String event(HttpExchange exchange, Route route, Map<String, String> pathParameters, byte[] body,
                                String requestId) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", uri.getRawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        Instant now = Instant.now();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", now.toString());
        context.put("timeEpoch", now.toEpochMilli());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        event.put("headers", headers);
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", context);
        if (body.length > 0) {
            boolean text = headers.getOrDefault("content-type", "").contains("json")
                    || headers.getOrDefault("content-type", "").startsWith("text/");
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return JSON.writeValueAsString(event);
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

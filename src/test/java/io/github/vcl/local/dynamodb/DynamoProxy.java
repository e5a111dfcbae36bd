package io.github.vcl.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * An HTTP proxy on loopback between functions and the local DynamoDB server. It records each call as IAM sees it (the
 * action, {@code dynamodb:GetItem}, and the resource it touches: the table, or {@code index/<name>}), so a test can
 * check that a function's role in template.yaml allows what the code really does. It can also play DynamoDB under
 * stress: answer a request with throttling ({@code ProvisionedThroughputExceededException},
 * {@code ThrottlingException}, 400) or {@code InternalServerError} (500) exactly as DynamoDB sends them, without
 * forwarding it, or forward a request and hold its answer back (so a test can act between the write reaching the table
 * and the caller hearing of it). Test-only.
 */
public final class DynamoProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    /** One DynamoDB call: {@code dynamodb:Query} on {@code index/reconcile-index}, or on {@code table}. */
    public record Call(String action, String resource) {
    }

    /** A request as it passes the proxy: the action without prefix ({@code UpdateItem}) and its JSON body. */
    public record Request(String action, String body) {
    }

    /** An error answer DynamoDB gives without doing anything (the SDK retries all three with backoff). */
    public enum Fault {
        PROVISIONED_THROUGHPUT_EXCEEDED(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for the table was exceeded. Consider increasing your "
                        + "provisioning level with the UpdateTable API."),
        THROTTLING(400, "com.amazon.coral.availability#ThrottlingException",
                "Rate of requests exceeds the allowed throughput."),
        INTERNAL_SERVER_ERROR(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error");

        final int status;
        final String type;
        final String message;

        Fault(int status, String type, String message) {
            this.status = status;
            this.type = type;
            this.message = message;
        }
    }

    /** A request to forward and then answer late, once, after running {@code then}. */
    private static final class Hold {
        final Predicate<Request> which;
        final Duration delay;
        final Consumer<Request> then;
        boolean used;

        Hold(Predicate<Request> which, Duration delay, Consumer<Request> then) {
            this.which = which;
            this.delay = delay;
            this.then = then;
        }
    }

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dynamo-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();
    private final List<Long> forwardMillis = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Optional<Fault>> faults = r -> Optional.empty();

    private DynamoProxy(HttpServer server, URI target) {
        this.server = server;
        this.target = target;
    }

    public static DynamoProxy start(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            DynamoProxy proxy = new DynamoProxy(server, target);
            server.createContext("/", proxy::handle);
            server.setExecutor(proxy.threads);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Decides per request whether DynamoDB answers it with an error instead; replaces the previous chooser. */
    public void faults(Function<Request, Optional<Fault>> chooser) {
        faults = chooser;
    }

    /**
     * The next request {@code which} picks is forwarded, {@code then} runs once the table has answered, and the answer
     * reaches the caller {@code delay} later (if it is still there).
     */
    public void holdNext(Predicate<Request> which, Duration delay, Consumer<Request> then) {
        holds.add(new Hold(which, delay, then));
    }

    /** No more error answers and no more held answers. */
    public void stopFaults() {
        faults = r -> Optional.empty();
        holds.clear();
    }

    /** How long the table took to answer each forwarded call, in milliseconds, oldest first. */
    public List<Long> forwardMillis() {
        return List.copyOf(forwardMillis);
    }

    /** What was injected so far, by kind ({@code Fault} names and {@code HELD}). */
    public Map<String, Long> injected() {
        Map<String, Long> counts = new TreeMap<>();
        injected.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String action = "";
            if (amzTarget != null && amzTarget.contains(".")) {
                action = amzTarget.substring(amzTarget.indexOf('.') + 1);
                JsonNode request = JSON.readTree(body);
                String index = request.path("IndexName").asText("");
                calls.add(new Call("dynamodb:" + action, index.isEmpty() ? "table" : "index/" + index));
            }
            Request request = new Request(action, new String(body, StandardCharsets.UTF_8));
            Optional<Fault> fault = faults.apply(request);
            if (fault.isPresent()) {
                count(fault.get().name());
                answer(exchange, fault.get());
                return;
            }
            Hold hold = takeHold(request);
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(forward(exchange, body), HttpResponse.BodyHandlers.ofByteArray());
            forwardMillis.add((System.nanoTime() - start) / 1_000_000);
            if (hold != null) {
                count("HELD");
                hold.then.accept(request);
                sleep(hold.delay);
            }
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Hold takeHold(Request request) {
        for (Hold hold : holds) {
            if (!hold.used && hold.which.test(request)) {
                hold.used = true;
                holds.remove(hold);
                return hold;
            }
        }
        return null;
    }

    private HttpRequest forward(HttpExchange exchange, byte[] body) {
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        return forward.build();
    }

    /** The error as DynamoDB's JSON 1.0 protocol sends it, with the CRC32 the SDK checks. */
    private static void answer(HttpExchange exchange, Fault fault) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("__type", fault.type, "message", fault.message));
        CRC32 crc = new CRC32();
        crc.update(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString().replace("-", "")
                .toUpperCase(Locale.ROOT));
        exchange.getResponseHeaders().add("x-amz-crc32", Long.toString(crc.getValue()));
        send(exchange, fault.status, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void count(String kind) {
        injected.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }
}

package io.github.vcl.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) on a loopback port, as Lambda serves it to a function's runtime: the runtime
 * long-polls {@code GET /runtime/invocation/next}, and answers each event with {@code POST …/{id}/response} or
 * {@code …/{id}/error}; a runtime that cannot start posts {@code /runtime/init/error}. Test-only.
 */
public final class LocalRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function answered: its result, or the error Lambda would report. */
    public record Outcome(boolean error, String body, String errorType) {
    }

    private record Invocation(String id, String event, CompletableFuture<Outcome> outcome) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> polled = new CompletableFuture<>();

    private LocalRuntimeApi(HttpServer server) {
        this.server = server;
    }

    public static LocalRuntimeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            LocalRuntimeApi api = new LocalRuntimeApi(server);
            server.createContext("/", api::handle);
            server.setExecutor(api.threads);
            server.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until the runtime asks for its first event, i.e. it started; fails with the init error if any. */
    public void awaitReady(Duration timeout, Process process) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (initError.isDone()) {
                throw new AssertionError("the function failed to start: " + initError.get());
            }
            if (polled.isDone()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the runtime exited with " + process.exitValue() + " before it asked for "
                        + "an event");
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("the runtime did not ask for an event within " + timeout);
    }

    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Hands one event to the function and waits for its answer. */
    public Outcome invoke(String eventJson, Duration timeout) throws Exception {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, new CompletableFuture<>());
        inFlight.put(invocation.id(), invocation);
        queue.add(invocation);
        try {
            return invocation.outcome().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            inFlight.remove(invocation.id());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!path.startsWith(PREFIX)) {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
                return;
            }
            String rest = path.substring(PREFIX.length());
            if (method.equals("GET") && rest.equals("invocation/next")) {
                polled.complete(null);
                Invocation next = queue.take();
                var headers = exchange.getResponseHeaders();
                headers.add("Content-Type", "application/json");
                headers.add("Lambda-Runtime-Aws-Request-Id", next.id());
                headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                headers.add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-north-1:123456789012:function:vcl-test-function");
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0");
                reply(exchange, 200, next.event());
            } else if (method.equals("POST") && rest.equals("init/error")) {
                initError.complete(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")
                        + " " + new String(body, StandardCharsets.UTF_8));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && rest.startsWith("invocation/")) {
                String[] parts = rest.split("/");
                Invocation invocation = parts.length == 3 ? inFlight.get(parts[1]) : null;
                if (invocation == null) {
                    reply(exchange, 400, "{\"errorMessage\":\"unknown request id\"}");
                    return;
                }
                String text = new String(body, StandardCharsets.UTF_8);
                switch (parts[2]) {
                    case "response" -> invocation.outcome().complete(new Outcome(false, text, null));
                    case "error" -> invocation.outcome().complete(new Outcome(true, text,
                            exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                    default -> {
                        reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
                        return;
                    }
                }
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package io.github.vcl.local.lambda;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS Lambda Runtime API (2018-06-01) for one function, on a loopback port: what {@code AWS_LAMBDA_RUNTIME_API}
 * points at. The function's own runtime loop (Quarkus' Lambda poll loop, as in {@code provided.al2023}) long-polls
 * {@code GET /2018-06-01/runtime/invocation/next}, runs the event through the function and posts
 * {@code …/invocation/{id}/response} or {@code …/invocation/{id}/error}; {@code …/runtime/init/error} reports a
 * function that could not start. {@link #invoke} queues an event and waits for its answer, as the Lambda service does
 * for a synchronous invocation. Local-only.
 */
public final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern RESULT = Pattern.compile(PREFIX + "invocation/([^/]+)/(response|error)");

    /** What the function answered: its JSON result, or the error document Lambda would report. */
    public record Result(boolean error, String body) {
    }

    private record Invocation(String id, String event, CompletableFuture<Long> pickedUp,
                              CompletableFuture<Result> result) {
    }

    private final String function;
    private final Duration timeout;
    private final Duration initTimeout;
    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
    private volatile String initError;
    private volatile boolean closed;

    private RuntimeApiServer(String function, Duration timeout, Duration initTimeout) throws IOException {
        this.function = function;
        this.timeout = timeout;
        this.initTimeout = initTimeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-runtime-api-" + function);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param timeout the function's timeout: an invocation that takes longer fails as it would in Lambda */
    public static RuntimeApiServer start(String function, Duration timeout) {
        return start(function, timeout, timeout);
    }

    /**
     * @param timeout     the function's timeout, counted from the moment its runtime loop takes the event (as Lambda
     *                    counts it from the start of the Invoke phase)
     * @param initTimeout how long an event may wait for a runtime loop that is still cold-starting
     */
    public static RuntimeApiServer start(String function, Duration timeout, Duration initTimeout) {
        try {
            return new RuntimeApiServer(function, timeout, initTimeout);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Lambda Runtime API for " + function, e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String function() {
        return function;
    }

    /** True once the function's runtime loop has asked for its first event (its cold start is over). */
    public boolean awaitReady(Duration wait) throws InterruptedException {
        return firstPoll.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the function could not start, as it reported to {@code /runtime/init/error}; null when it did not. */
    public String initError() {
        return initError;
    }

    /**
     * Queues one event and waits for the function's answer: the function's timeout runs from the moment its runtime
     * loop takes the event; until then (a cold start) the event waits at most the init timeout.
     *
     * @throws TimeoutException when the function did not take the event in time or did not answer within its timeout
     */
    public Result invoke(String eventJson) throws TimeoutException, InterruptedException {
        if (closed) {
            throw new IllegalStateException(function + " is stopped");
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, new CompletableFuture<>(),
                new CompletableFuture<>());
        queue.add(invocation);
        try {
            CompletableFuture.anyOf(invocation.pickedUp(), invocation.result())
                    .get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!invocation.result().isDone()) {
                long remaining = invocation.pickedUp().join() + timeout.toMillis() - System.currentTimeMillis();
                invocation.result().get(Math.max(0, remaining), TimeUnit.MILLISECONDS);
            }
            return invocation.result().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            queue.remove(invocation);
            running.remove(invocation.id());
        }
    }

    /**
     * Ends every event queued or running here with a function error, as Lambda reports an invocation whose runtime
     * process died (e.g. {@code Runtime.ExitError}); the caller sees what API Gateway makes of a function error.
     */
    public void failInFlight(String errorDocument) {
        Result failed = new Result(true, errorDocument);
        queue.forEach(i -> i.result().complete(failed));
        running.values().forEach(i -> i.result().complete(failed));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher result = RESULT.matcher(path);
            if ("POST".equals(method) && result.matches()) {
                Invocation invocation = running.remove(result.group(1));
                if (invocation == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown or finished request id\",\"errorType\":"
                            + "\"InvalidRequestID\"}");
                    return;
                }
                invocation.result().complete(new Result("error".equals(result.group(2)),
                        new String(body, StandardCharsets.UTF_8)));
                send(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if ("POST".equals(method) && path.equals(PREFIX + "init/error")) {
                initError = new String(body, StandardCharsets.UTF_8);
                send(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            send(exchange, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"NotFound\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.countDown();
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queue.poll(500, TimeUnit.MILLISECONDS);
                if (invocation != null && invocation.result().isDone()) {
                    invocation = null; // the caller gave up while it was queued
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            // Shutting down: the runtime loop sees an error and its process is being stopped anyway.
            send(exchange, 500, "{\"errorMessage\":\"runtime API stopped\",\"errorType\":\"ServiceException\"}");
            return;
        }
        running.put(invocation.id(), invocation);
        long now = System.currentTimeMillis();
        invocation.pickedUp().complete(now);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(now + timeout.toMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-north-1:000000000000:function:vcl-local-" + function);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + invocation.id().replace("-", "").substring(0, 24) + ";Sampled=0");
        send(exchange, 200, invocation.event());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.forEach(i -> i.result().completeExceptionally(new IllegalStateException(function + " stopped")));
        running.values().forEach(i -> i.result().completeExceptionally(new IllegalStateException(function
                + " stopped")));
        server.stop(0);
        threads.shutdownNow();
    }
}

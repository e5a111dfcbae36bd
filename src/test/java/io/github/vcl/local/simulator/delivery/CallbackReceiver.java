package io.github.vcl.local.simulator.delivery;

import com.sun.net.httpserver.HttpServer;
import io.github.vcl.local.simulator.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A merchant endpoint for callbacks and webhooks in tests: records what arrives, answers with planned statuses. */
public final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> plannedStatuses = new ArrayDeque<>();

    public CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(RecordedRequest.read(exchange, Instant.now()));
                exchange.sendResponseHeaders(nextStatus(), -1);
            }
        });
        server.start();
    }

    /** The next requests get these statuses; after that every request gets 200. */
    public synchronized CallbackReceiver answer(Integer... statuses) {
        plannedStatuses.addAll(List.of(statuses));
        return this;
    }

    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public List<RecordedRequest> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests arrived; fails after five seconds (slow shared CI machines). */
    public List<RecordedRequest> awaitReceived(int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (received.size() < count) {
            throw new AssertionError("Expected " + count + " requests, got " + received.size());
        }
        return received();
    }

    private synchronized int nextStatus() {
        Integer status = plannedStatuses.pollFirst();
        return status == null ? 200 : status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.github.vcl.local.simulator.delivery;

import io.github.vcl.local.simulator.SimulatorOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * POSTs Checkout callbacks or webhooks to the merchant on its own threads, in order per URL, retrying a delivery that
 * got a non-2xx or no answer with doubling backoff (docs/vipps-rules.md#checkout-callback: at most 3 retries;
 * #webhooks). Each channel has its own sender, so a failing webhook receiver does not hold up callbacks.
 */
public final class CallbackSender implements AutoCloseable {

    /** A delivery as the simulator wants to make it, before faults. */
    public record Outgoing(URI url, Map<String, String> headers, byte[] body) {
    }

    private final Delivery.Channel channel;
    private final DeliveryFaults faults;
    private final SimulatorOptions options;
    private final Consumer<Delivery> log;
    private final HttpClient http;
    private final List<ExecutorService> lanes;
    private final ScheduledExecutorService late;

    public CallbackSender(Delivery.Channel channel, DeliveryFaults faults, SimulatorOptions options,
            Consumer<Delivery> log) {
        this.channel = channel;
        this.faults = faults;
        this.options = options;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(options.deliveryTimeout()).build();
        this.lanes = java.util.stream.IntStream.range(0, Math.max(1, options.deliveryLanes()))
                .mapToObj(i -> Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "vipps-simulator-" + channel.name().toLowerCase() + "-" + i);
                    t.setDaemon(true);
                    return t;
                })).toList();
        this.late = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vipps-simulator-" + channel.name().toLowerCase() + "-late");
            t.setDaemon(true);
            return t;
        });
    }

    public void send(Outgoing outgoing) {
        if (faults.silenced(new String(outgoing.body(), StandardCharsets.UTF_8))) {
            return;
        }
        Duration delay = faults.takeDelay();
        if (!delay.isZero()) {
            late.schedule(() -> enqueue(faults.apply(outgoing)), delay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        enqueue(faults.apply(outgoing));
    }

    /** Stops planned faults; deliveries held back for reordering go out now (late ones still come when due). */
    public void stopFaults() {
        enqueue(faults.clear());
    }

    private void enqueue(List<Outgoing> toSend) {
        toSend.forEach(delivery -> lanes.get(Math.floorMod(delivery.url().hashCode(), lanes.size()))
                .execute(() -> deliverWithRetries(delivery)));
    }

    private void deliverWithRetries(Outgoing outgoing) {
        Duration backoff = options.deliveryBackoff();
        for (int attempt = 1; attempt <= 1 + options.deliveryRetries(); attempt++) {
            int status = attempt(outgoing);
            log.accept(new Delivery(channel, outgoing.url().toString(), outgoing.headers(),
                    new String(outgoing.body(), StandardCharsets.UTF_8), attempt, status));
            if (status >= 200 && status < 300) {
                return;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    private int attempt(Outgoing outgoing) {
        HttpRequest.Builder request = HttpRequest.newBuilder(outgoing.url())
                .timeout(options.deliveryTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(outgoing.body()));
        outgoing.headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return Delivery.NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.NO_ANSWER;
        }
    }

    @Override
    public void close() {
        late.shutdownNow();
        lanes.forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.vcl.local.simulator.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.local.simulator.Json;
import io.github.vcl.local.simulator.delivery.CallbackSender;
import io.github.vcl.local.simulator.epayment.PaymentEvent;
import io.github.vcl.vipps.webhook.WebhookSignature;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook registrations of the Webhooks API and the signed ePayment event deliveries they receive
 * (docs/vipps-rules.md#webhooks). Signing uses the production {@link WebhookSignature}, so what the backend verifies
 * is exactly what the simulator produced.
 */
public final class WebhookRegistry {

    private final Map<String, WebhookRegistration> registrations = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final CallbackSender sender;

    public WebhookRegistry(Clock clock, CallbackSender sender) {
        this.clock = clock;
        this.sender = sender;
    }

    public synchronized WebhookRegistration register(URI url, List<String> events) {
        byte[] secret = new byte[64];
        random.nextBytes(secret);
        WebhookRegistration registration = new WebhookRegistration(UUID.randomUUID().toString(), url,
                List.copyOf(events), Base64.getEncoder().encodeToString(secret));
        registrations.put(registration.id(), registration);
        return registration;
    }

    /** Every registration, oldest first. */
    public synchronized List<WebhookRegistration> all() {
        return List.copyOf(registrations.values());
    }

    synchronized boolean delete(String id) {
        return registrations.remove(id) != null;
    }

    synchronized ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode webhooks = json.putArray("webhooks");
        registrations.values().forEach(r -> {
            ObjectNode item = webhooks.addObject().put("id", r.id()).put("url", r.url().toString());
            r.events().forEach(item.putArray("events")::add);
        });
        return json;
    }

    /** Sends the event to every registration subscribed to {@code epayments.payment.<name>.v1}. */
    public synchronized void publish(PaymentEvent event, String merchantSerialNumber) {
        String eventType = "epayments.payment." + event.name().toLowerCase(Locale.ROOT) + ".v1";
        ObjectNode payload = event.toJson().put("msn", merchantSerialNumber);
        byte[] body = Json.bytes(payload);
        for (WebhookRegistration registration : registrations.values()) {
            if (registration.events().contains(eventType)) {
                sender.send(new CallbackSender.Outgoing(registration.url(), signedHeaders(registration, body), body));
            }
        }
    }

    private Map<String, String> signedHeaders(WebhookRegistration registration, byte[] body) {
        String date = WebhookSignature.formatDate(clock.instant());
        String contentHash = WebhookSignature.contentHash(body);
        return Map.of(
                "Content-Type", "application/json",
                "x-ms-date", date,
                "x-ms-content-sha256", contentHash,
                "Authorization", WebhookSignature.authorizationHeader(registration.secret(),
                        WebhookSignature.pathAndQuery(registration.url()), WebhookSignature.host(registration.url()),
                        date, contentHash));
    }
}

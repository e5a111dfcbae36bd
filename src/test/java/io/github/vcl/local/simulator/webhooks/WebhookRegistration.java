package io.github.vcl.local.simulator.webhooks;

import java.net.URI;
import java.util.List;

/** One webhook registration; {@code secret} is what the merchant verifies deliveries with. */
public record WebhookRegistration(String id, URI url, List<String> events, String secret) {
}

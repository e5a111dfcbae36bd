package io.github.vcl.vipps.webhook.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of a registration. The {@code secret} is returned only here: store it; {@link #toString()} hides it. */
@RegisterForReflection
public record WebhookRegistration(String id, String secret) {

    @Override
    public String toString() {
        return "WebhookRegistration[id=" + id + ", secret=***]";
    }
}

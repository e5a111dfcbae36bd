package io.github.vcl.vipps.webhook.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

@RegisterForReflection
public record Webhook(String id, String url, List<String> events) {
}

package io.github.vcl.local.simulator.openapi;

/** A request that broke the Vipps contract: the OpenAPI file or a header rule (docs/vipps-rules.md#headers). */
public record Violation(String method, String path, String message) {
}

package io.github.vcl.local.simulator.openapi;

/** A request that broke the Vipps contract: the OpenAPI file or a header rule of API-NOTES §3. */
public record Violation(String method, String path, String message) {
}

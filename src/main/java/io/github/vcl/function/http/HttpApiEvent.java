package io.github.vcl.function.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API Gateway HTTP API event (payload format 2.0), with the fields the functions read. Header names arrive in
 * lower case from API Gateway; {@link #header} matches case-insensitively anyway.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpApiEvent(String version, String routeKey, String rawPath, String rawQueryString,
                           Map<String, String> headers, Map<String, String> queryStringParameters,
                           Map<String, String> pathParameters, RequestContext requestContext, String body,
                           @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(String requestId, String routeKey, String stage, Http http, long timeEpoch) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String method, String path, String sourceIp, String userAgent) {
    }

    public Optional<String> header(String name) {
        if (headers == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryStringParameters == null ? null : queryStringParameters.get(name));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters == null ? null : pathParameters.get(name));
    }

    public String method() {
        return requestContext == null || requestContext.http() == null ? "" : requestContext.http().method();
    }

    public String requestId() {
        return requestContext == null ? null : requestContext.requestId();
    }

    /** The body exactly as the client sent it (API Gateway base64-encodes binary bodies). */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        return isBase64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}

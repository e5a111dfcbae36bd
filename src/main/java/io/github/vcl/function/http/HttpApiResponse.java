package io.github.vcl.function.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** The API Gateway HTTP API response (payload format 2.0). */
@RegisterForReflection
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body,
                              @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    public static HttpApiResponse of(int status, String contentType, String body) {
        return new HttpApiResponse(status, Map.of("content-type", contentType, "cache-control", "no-store"), body,
                false);
    }

    public static HttpApiResponse noContent() {
        return new HttpApiResponse(204, Map.of("cache-control", "no-store"), null, false);
    }
}

package io.github.vcl.vipps.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The token answer. Every numeric-looking field is a JSON string (e.g. {@code "3599"}). */
@RegisterForReflection
public record AccessTokenResponse(
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") String expiresIn,
        @JsonProperty("ext_expires_in") String extExpiresIn,
        @JsonProperty("expires_on") String expiresOn,
        @JsonProperty("not_before") String notBefore,
        @JsonProperty("resource") String resource,
        @JsonProperty("access_token") String accessToken) {

    @Override
    public String toString() {
        return "AccessTokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", expiresOn="
                + expiresOn + ", accessToken=***]";
    }
}

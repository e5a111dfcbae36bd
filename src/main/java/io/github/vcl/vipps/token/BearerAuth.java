package io.github.vcl.vipps.token;

import io.github.vcl.vipps.http.RawResponse;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adds {@code Authorization: Bearer} to calls of the token-protected APIs. On a 401 the rejected token is dropped
 * and the call is sent once more with a fresh token; a second 401 is returned as it is.
 */
public final class BearerAuth {

    private final AccessTokenCache tokens;
    private final String merchantSerialNumber;

    public BearerAuth(AccessTokenCache tokens, String merchantSerialNumber) {
        this.tokens = tokens;
        this.merchantSerialNumber = merchantSerialNumber;
    }

    /** @param request sends the request with the given Authorization header value */
    public Supplier<RawResponse> authorized(Function<String, Response> request) {
        boolean[] refetched = {false}; // once per call, even across retries
        return () -> {
            AccessToken token = tokens.get(merchantSerialNumber);
            RawResponse response = RawResponse.read(request.apply(token.authorizationHeader()));
            if (response.status() == 401 && !refetched[0]) {
                refetched[0] = true;
                tokens.invalidate(merchantSerialNumber, token);
                response = RawResponse.read(request.apply(tokens.get(merchantSerialNumber).authorizationHeader()));
            }
            return response;
        };
    }
}

package io.github.vcl.vipps.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.vcl.vipps.VippsOperation;
import io.github.vcl.vipps.http.RawResponse;
import io.github.vcl.vipps.http.VippsCallExecutor;
import io.github.vcl.vipps.http.VippsErrorParser;
import io.github.vcl.vipps.http.VippsJson;

import java.time.Clock;

/** Fetches tokens with {@code POST /accesstoken/get} for the one MSN this client set is configured for. */
public final class VippsAccessTokenFetcher implements AccessTokenFetcher {

    private final AccessTokenApi api;
    private final VippsCallExecutor executor;
    private final String merchantSerialNumber;
    private final Clock clock;

    public VippsAccessTokenFetcher(AccessTokenApi api, VippsCallExecutor executor, String merchantSerialNumber,
            Clock clock) {
        this.api = api;
        this.executor = executor;
        this.merchantSerialNumber = merchantSerialNumber;
        this.clock = clock;
    }

    @Override
    public AccessToken fetch(String msn) {
        if (!merchantSerialNumber.equals(msn)) {
            throw new IllegalArgumentException("this client is configured for another merchant serial number");
        }
        RawResponse response = executor.execute(VippsOperation.ACCESS_TOKEN, null, () -> RawResponse.read(api.fetch()));
        try {
            AccessTokenResponse body = VippsJson.read(response.body(), AccessTokenResponse.class);
            return AccessToken.from(body, clock.instant());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // never attach the body: it is the token
            throw VippsErrorParser.unreadable(VippsOperation.ACCESS_TOKEN, null, response, null);
        }
    }
}

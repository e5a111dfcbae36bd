package io.github.vcl.vipps.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import java.util.Map;

/**
 * Adds the Vipps headers ({@link VippsHeaders#common}, plus client credentials where the API wants them) to every
 * request. Registered by {@link VippsRestClientFactory} on every client it builds, which is the only way the
 * clients are built.
 */
@Priority(Priorities.USER)
public final class VippsHeadersFilter implements ClientRequestFilter {

    private final Map<String, String> headers;

    public VippsHeadersFilter(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void filter(ClientRequestContext request) {
        headers.forEach((name, value) -> request.getHeaders().putSingle(name, value));
    }

    @Override
    public String toString() {
        return "VippsHeadersFilter" + headers.keySet(); // names only: values include secrets
    }
}

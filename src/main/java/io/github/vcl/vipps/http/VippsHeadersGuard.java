package io.github.vcl.vipps.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Registered on every Vipps REST interface ({@code @RegisterProvider}); runs after {@link VippsHeadersFilter} and
 * refuses to send a request without the Vipps headers, so a client built anywhere else than
 * {@link VippsRestClientFactory} fails loudly instead of silently leaving them out.
 */
@Priority(Priorities.USER + 1000)
public final class VippsHeadersGuard implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        for (String name : new String[] {VippsHeaders.SYSTEM_NAME, VippsHeaders.MERCHANT_SERIAL_NUMBER,
                VippsHeaders.SUBSCRIPTION_KEY}) {
            if (request.getHeaderString(name) == null) {
                throw new IllegalStateException(
                        "Vipps request without " + name + ": build Vipps clients with VippsRestClientFactory");
            }
        }
    }
}

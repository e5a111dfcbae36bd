package io.github.vcl.vipps.http;

import io.github.vcl.vipps.VippsSettings;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.resteasy.reactive.client.api.LoggingScope;

import java.util.concurrent.TimeUnit;

/**
 * The single place Vipps REST client interfaces are turned into clients: base URL, timeouts, no redirects, no
 * client logging, the Vipps headers filter, and no default exception mapping (interfaces return {@code Response}; errors are mapped by
 * {@link VippsErrorParser}).
 */
public final class VippsRestClientFactory {

    /** Which credentials an API expects besides the common headers. */
    public enum Auth {
        /** {@code client_id} + {@code client_secret} headers: the token call and Checkout. */
        CLIENT_CREDENTIALS,
        /** {@code Authorization: Bearer}, passed per call by the client: ePayment, Order Management, Webhooks. */
        BEARER_PER_CALL
    }

    private final VippsSettings settings;

    public VippsRestClientFactory(VippsSettings settings) {
        this.settings = settings;
    }

    public <T> T create(Class<T> api, Auth auth) {
        VippsHeadersFilter headers = new VippsHeadersFilter(auth == Auth.CLIENT_CREDENTIALS
                ? VippsHeaders.withClientCredentials(settings)
                : VippsHeaders.common(settings));
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.baseUrl())
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                // never let a global quarkus.rest-client.logging setting print our headers (secrets, tokens)
                // or bodies (personal data)
                .loggingScope(LoggingScope.NONE)
                .register(headers)
                .build(api);
    }
}

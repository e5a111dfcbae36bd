package io.github.vcl.vipps;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the Vipps MobilePay clients (prefix {@code vipps}). Defaults live in application.properties.
 * <p>
 * The credentials are optional here so that functions that never call Vipps start without them; the clients fail
 * with a clear message when they are created without credentials (see {@link VippsSettings#from(VippsConfig)}).
 * Secret values are {@link Secret}s, so no {@code toString} of this mapping can reveal them.
 */
@ConfigMapping(prefix = "vipps")
public interface VippsConfig {

    /** {@code https://apitest.vipps.no} (test) or {@code https://api.vipps.no} (production). */
    @WithDefault("https://apitest.vipps.no")
    URI baseUrl();

    Optional<String> clientId();

    Optional<Secret> clientSecret();

    Optional<Secret> subscriptionKey();

    Optional<String> merchantSerialNumber();

    SystemInfo system();

    Timeouts timeouts();

    Retry retry();

    /** The four {@code Vipps-System-*} headers, each at most 30 characters. */
    interface SystemInfo {
        @WithDefault("vipps-checkout-lambda")
        String name();

        @WithDefault("${quarkus.application.version:0.1.0}")
        String version();

        @WithDefault("vcl-vipps-client")
        String pluginName();

        @WithDefault("${quarkus.application.version:0.1.0}")
        String pluginVersion();
    }

    interface Timeouts {
        @WithDefault("2s")
        Duration connect();

        @WithDefault("5s")
        Duration read();
    }

    interface Retry {
        /** Total attempts including the first one. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("200ms")
        Duration baseDelay();

        /** No single wait is longer; a longer {@code Retry-After} is not waited for (Lambda time is short). */
        @WithDefault("2s")
        Duration maxDelay();
    }
}

package io.github.vcl.vipps;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable, validated settings the clients are built from. Built from {@link VippsConfig} in the application and
 * programmatically in tests and the local run (e.g. pointing {@code baseUrl} at a simulator on a random port).
 * Secrets are {@link Secret}s, so the generated {@code toString} shows no credential.
 */
public record VippsSettings(
        URI baseUrl,
        String clientId,
        Secret clientSecret,
        Secret subscriptionKey,
        String merchantSerialNumber,
        SystemInfo system,
        Duration connectTimeout,
        Duration readTimeout,
        RetrySettings retry) {

    public static final int MAX_SYSTEM_HEADER_LENGTH = 30;

    public VippsSettings {
        Objects.requireNonNull(baseUrl, "vipps.base-url is not configured");
        require(clientId, "vipps.client-id");
        Objects.requireNonNull(clientSecret, "vipps.client-secret is not configured");
        Objects.requireNonNull(subscriptionKey, "vipps.subscription-key is not configured");
        require(merchantSerialNumber, "vipps.merchant-serial-number");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    public static VippsSettings from(VippsConfig config) {
        return new VippsSettings(
                config.baseUrl(),
                config.clientId().orElse(null),
                config.clientSecret().orElseThrow(() -> missing("vipps.client-secret")),
                config.subscriptionKey().orElseThrow(() -> missing("vipps.subscription-key")),
                config.merchantSerialNumber().orElse(null),
                new SystemInfo(config.system().name(), config.system().version(),
                        config.system().pluginName(), config.system().pluginVersion()),
                config.timeouts().connect(),
                config.timeouts().read(),
                new RetrySettings(config.retry().maxAttempts(), config.retry().baseDelay(), config.retry().maxDelay()));
    }

    /** Settings with the defaults of application.properties; for tests and the local run. */
    public static VippsSettings of(URI baseUrl, String clientId, Secret clientSecret, Secret subscriptionKey,
            String merchantSerialNumber) {
        return new VippsSettings(baseUrl, clientId, clientSecret, subscriptionKey, merchantSerialNumber,
                SystemInfo.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(5), RetrySettings.DEFAULT);
    }

    public VippsSettings withRetry(RetrySettings retry) {
        return new VippsSettings(baseUrl, clientId, clientSecret, subscriptionKey, merchantSerialNumber, system,
                connectTimeout, readTimeout, retry);
    }

    public VippsSettings withTimeouts(Duration connect, Duration read) {
        return new VippsSettings(baseUrl, clientId, clientSecret, subscriptionKey, merchantSerialNumber, system,
                connect, read, retry);
    }

    public VippsSettings withSystem(SystemInfo system) {
        return new VippsSettings(baseUrl, clientId, clientSecret, subscriptionKey, merchantSerialNumber, system,
                connectTimeout, readTimeout, retry);
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw missing(key);
        }
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException(key + " is not configured");
    }

    /** Values of the {@code Vipps-System-Name/-Version/-Plugin-Name/-Plugin-Version} headers. */
    public record SystemInfo(String name, String version, String pluginName, String pluginVersion) {

        public static final SystemInfo DEFAULT =
                new SystemInfo("vipps-checkout-lambda", "0.1.0", "vcl-vipps-client", "0.1.0");

        public SystemInfo {
            check("vipps.system.name", name);
            check("vipps.system.version", version);
            check("vipps.system.plugin-name", pluginName);
            check("vipps.system.plugin-version", pluginVersion);
        }

        private static void check(String key, String value) {
            if (value == null || value.isBlank() || value.length() > MAX_SYSTEM_HEADER_LENGTH) {
                throw new IllegalArgumentException(
                        key + " must be 1-" + MAX_SYSTEM_HEADER_LENGTH + " characters, was: " + value);
            }
        }
    }

    public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxDelay) {

        public static final RetrySettings DEFAULT =
                new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(2));

        public RetrySettings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("vipps.retry.max-attempts must be at least 1");
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
        }
    }
}

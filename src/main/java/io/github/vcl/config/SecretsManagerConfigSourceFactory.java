package io.github.vcl.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads the secrets named in {@code VCL_SECRET_ARNS} (comma-separated ARNs) from AWS Secrets Manager once, when the
 * Lambda starts (cold start), and serves their entries as configuration for the life of the container. Nothing is
 * read when the variable is absent (tests, local runs, build time).
 * <p>
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}. Not {@code @StaticInitSafe}: in
 * the native image it runs at run time, never while the image is built, so no secret is baked into it.
 * <p>
 * Credentials and region are the ones Lambda hands every function ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_REGION}). {@code VCL_SECRETS_ENDPOINT}
 * overrides the Secrets Manager address (tests only).
 */
public class SecretsManagerConfigSourceFactory implements ConfigSourceFactory {
    public static final String ARNS = "VCL_SECRET_ARNS";
    public static final String ENDPOINT = "VCL_SECRETS_ENDPOINT";
    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    public static final int ORDINAL = 270;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String arns = value(context, ARNS);
        if (arns == null || arns.isBlank()) {
            return List.of();
        }
        String region = value(context, "AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException(ARNS + " is set but AWS_REGION is not");
        }
        String endpoint = value(context, ENDPOINT);
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build()) {
            SecretsManagerReader reader = new SecretsManagerReader(http,
                    AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                            SystemPropertyCredentialsProvider.create()),
                    region, endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint));
            return List.of(source(reader, arns));
        }
    }

    static ConfigSource source(SecretsManagerReader reader, String arns) {
        Map<String, String> all = new LinkedHashMap<>();
        Arrays.stream(arns.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(arn -> all.putAll(reader.read(arn)));
        return new MapBackedConfigSource("AWS Secrets Manager (" + ARNS + ")", all, ORDINAL) {
        };
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value != null && value.getValue() != null) {
            return value.getValue();
        }
        return System.getenv(name);
    }
}

package io.github.vcl.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The secrets one function declares in its {@code VCL_SECRET_<KIND>} variables, read from AWS Secrets Manager with
 * the credentials and region Lambda hands every function ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}, {@code AWS_REGION}). {@code VCL_SECRETS_ENDPOINT} overrides the Secrets Manager address
 * (tests only). Read at cold start for the configuration, and again by whoever must notice a changed secret (API keys).
 */
public final class DeclaredSecrets {
    public static final String ENDPOINT = "VCL_SECRETS_ENDPOINT";

    private final Map<SecretKind, String> arns;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;

    DeclaredSecrets(Map<SecretKind, String> arns, AwsCredentialsProvider credentials, String region, URI endpoint) {
        this.arns = Map.copyOf(arns);
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The secrets the environment declares; empty when it declares none (tests, local runs, build time). */
    public static Optional<DeclaredSecrets> from(UnaryOperator<String> environment) {
        Map<SecretKind, String> arns = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : SecretKind.values()) {
            String arn = environment.apply(kind.variable());
            if (arn != null && !arn.isBlank()) {
                arns.put(kind, arn.trim());
            }
        }
        if (arns.isEmpty()) {
            return Optional.empty();
        }
        String region = environment.apply("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("VCL_SECRET_* is set but AWS_REGION is not");
        }
        String endpoint = environment.apply(ENDPOINT);
        return Optional.of(new DeclaredSecrets(arns, AwsCredentialsProviderChain.of(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create()), region,
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint)));
    }

    public Set<SecretKind> kinds() {
        return arns.keySet();
    }

    /** The entries of those of {@code kinds} this function declares, each secret checked against its kind. */
    public Map<String, String> read(Collection<SecretKind> kinds) {
        Map<String, String> all = new LinkedHashMap<>();
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5))
                .build()) {
            SecretsManagerReader reader = new SecretsManagerReader(http, credentials, region, endpoint);
            arns.forEach((kind, arn) -> {
                if (kinds.contains(kind)) {
                    all.putAll(reader.read(kind, arn));
                }
            });
        }
        return all;
    }
}

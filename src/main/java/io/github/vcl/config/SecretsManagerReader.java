package io.github.vcl.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of AWS Secrets Manager's {@code GetSecretValue} (JSON 1.1 protocol, SigV4-signed with the AWS SDK's own
 * signer and HTTP client, which the DynamoDB client already brings; no Secrets Manager SDK module is needed).
 * <p>
 * The secret must be a flat JSON object of configuration names to string values, e.g.
 * {@code {"vipps.client-id":"…","vipps.client-secret":"…"}}. Only the names its {@link SecretKind} may hold are
 * accepted, so a secret can neither reconfigure Quarkus nor set another secret's names. Values never appear in
 * exceptions or logs.
 */
public final class SecretsManagerReader {
    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(SecretsManagerReader.class);

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;

    public SecretsManagerReader(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint == null ? URI.create("https://secretsmanager." + region + ".amazonaws.com/")
                : endpoint;
    }

    /** The configuration entries of one secret (by ARN or name), which must hold only what {@code kind} may. */
    public Map<String, String> read(SecretKind kind, String secretId) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("SecretId", secretId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            byte[] answer;
            try (InputStream in = response.responseBody().map(b -> (InputStream) b)
                    .orElse(InputStream.nullInputStream())) {
                answer = in.readAllBytes();
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                throw new IllegalStateException("Secrets Manager refused GetSecretValue for " + secretId + ": HTTP "
                        + status + " " + errorType(answer));
            }
            return entries(kind, secretId, JSON.readTree(answer).path("SecretString"));
        } catch (IOException e) {
            throw new IllegalStateException("Secrets Manager unreachable for " + secretId + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> entries(SecretKind kind, String secretId, JsonNode secretString) throws IOException {
        if (!secretString.isTextual()) {
            throw new IllegalStateException("secret " + secretId + " has no SecretString (binary secrets are not "
                    + "supported)");
        }
        JsonNode object;
        try {
            object = JSON.readTree(secretString.asText());
        } catch (IOException e) {
            throw new IllegalStateException("secret " + secretId + " is not a JSON object of configuration names");
        }
        if (object == null || !object.isObject()) {
            throw new IllegalStateException("secret " + secretId + " is not a JSON object of configuration names");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        var fields = object.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String name = field.getKey();
            if (!kind.mayHold(name)) {
                String refusal = "the " + kind.label() + " secret " + secretId + " holds '" + name
                        + "', which it may not hold (it may hold " + kind.declaredNames() + "); refused";
                LOG.error(refusal);
                throw new IllegalStateException(refusal);
            }
            if (!field.getValue().isTextual()) {
                throw new IllegalStateException("secret " + secretId + ": the value of '" + name
                        + "' must be a JSON string");
            }
            entries.put(name, field.getValue().asText());
        }
        return entries;
    }

    private static String errorType(byte[] answer) {
        try {
            JsonNode error = JSON.readTree(answer);
            String type = error.path("__type").asText("");
            return type.substring(type.indexOf('#') + 1);
        } catch (IOException | RuntimeException e) {
            return new String(answer, 0, Math.min(answer.length, 200), StandardCharsets.UTF_8);
        }
    }
}

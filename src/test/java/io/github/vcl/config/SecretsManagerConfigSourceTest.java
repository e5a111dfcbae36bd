package io.github.vcl.config;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cold-start secrets source against a real local HTTP server that answers like Secrets Manager. */
class SecretsManagerConfigSourceTest {
    private static final String VIPPS = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/vipps-AbCdEf";
    private static final String SHOP = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/shop-GhIjKl";

    private final FakeSecretsManager aws = FakeSecretsManager.start();
    private final UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();

    @AfterEach
    void stop() {
        aws.close();
        http.close();
    }

    private SecretsManagerReader reader() {
        return new SecretsManagerReader(http, StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret-key", "session-token")), "eu-north-1",
                aws.endpoint());
    }

    @Test
    void servesTheEntriesOfEverySecretAsConfiguration() {
        aws.put(VIPPS, Map.of("vipps.client-id", "client", "vipps.client-secret", "s3cr3t",
                "vipps.subscription-key", "sub"));
        aws.put(SHOP, Map.of("vcl.shop-api-key", "shop-key-0123456789"));

        ConfigSource source = SecretsManagerConfigSourceFactory.source(reader(), VIPPS + " , " + SHOP);

        assertEquals("s3cr3t", source.getValue("vipps.client-secret"));
        assertEquals("shop-key-0123456789", source.getValue("vcl.shop-api-key"));
        assertEquals(4, source.getPropertyNames().size());
        assertEquals(SecretsManagerConfigSourceFactory.ORDINAL, source.getOrdinal());
        assertEquals(2, aws.calls().size(), "one call per secret, at start-up only");
    }

    @Test
    void signsEveryRequestWithSigV4AndTheSessionToken() {
        aws.put(SHOP, Map.of("vcl.shop-api-key", "k"));

        reader().read(SHOP);

        FakeSecretsManager.Call call = aws.calls().get(0);
        assertEquals("secretsmanager.GetSecretValue", call.target());
        assertTrue(call.authorization().startsWith(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), call.authorization());
        assertTrue(call.authorization().contains("/eu-north-1/secretsmanager/aws4_request"), call.authorization());
        assertTrue(call.authorization().contains("SignedHeaders="), call.authorization());
        assertEquals("session-token", call.securityToken());
        assertEquals(SHOP, call.secretId());
    }

    @Test
    void anUnknownSecretFailsTheStartWithoutRevealingAnything() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader().read(VIPPS));
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertTrue(e.getMessage().contains(VIPPS), e.getMessage());
    }

    @Test
    void refusesNamesOutsideVippsAndVclAndNonStringValues() {
        aws.put(SHOP, Map.of("quarkus.log.level", "DEBUG"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader().read(SHOP));
        assertTrue(e.getMessage().contains("only vipps.* and vcl.*"), e.getMessage());

        aws.putRaw(SHOP, "{\"vcl.shop-api-key\": 42}");
        e = assertThrows(IllegalStateException.class, () -> reader().read(SHOP));
        assertTrue(e.getMessage().contains("must be a JSON string"), e.getMessage());

        aws.putRaw(SHOP, "hunter2-not-json");
        e = assertThrows(IllegalStateException.class, () -> reader().read(SHOP));
        assertFalse(e.getMessage().contains("hunter2"), "the value must not leak: " + e.getMessage());
    }

    @Test
    void nothingIsReadWithoutTheVariable() {
        // The factory is registered for every Quarkus start; without VCL_SECRET_ARNS (tests, local runs, build) it
        // adds no source and makes no call.
        var sources = new SecretsManagerConfigSourceFactory().getConfigSources(new io.smallrye.config
                .ConfigSourceContext() {
            @Override
            public io.smallrye.config.ConfigValue getValue(String name) {
                return null;
            }

            @Override
            public java.util.List<String> getProfiles() {
                return java.util.List.of();
            }

            @Override
            public java.util.Iterator<String> iterateNames() {
                return java.util.Collections.emptyIterator();
            }
        });
        assertFalse(sources.iterator().hasNext());
        assertTrue(aws.calls().isEmpty());
    }
}

package io.github.vcl.config;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cold-start secrets source against a real local HTTP server that answers like Secrets Manager. */
class SecretsManagerConfigSourceTest {
    private static final String VIPPS = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/vipps-AbCdEf";
    private static final String SHOP = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/shop-GhIjKl";
    private static final String STAFF = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/staff-MnOpQr";
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDEXAMPLE", "secret-key", "session-token"));

    private final FakeSecretsManager aws = FakeSecretsManager.start();
    private final UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();

    @AfterEach
    void stop() {
        aws.close();
        http.close();
    }

    private SecretsManagerReader reader() {
        return new SecretsManagerReader(http, CREDENTIALS, "eu-north-1", aws.endpoint());
    }

    private DeclaredSecrets declared(Map<SecretKind, String> arns) {
        return new DeclaredSecrets(new EnumMap<>(arns), CREDENTIALS, "eu-north-1", aws.endpoint());
    }

    @Test
    void servesTheEntriesOfEverySecretAsConfiguration() {
        aws.put(VIPPS, Map.of("vipps.client-id", "client", "vipps.client-secret", "s3cr3t",
                "vipps.subscription-key", "sub"));
        aws.put(SHOP, Map.of("vcl.shop-api-key", "shop-key-0123456789"));
        DeclaredSecrets secrets = declared(Map.of(SecretKind.VIPPS, VIPPS, SecretKind.SHOP, SHOP));

        ConfigSource source = SecretsManagerConfigSourceFactory.source(secrets.read(secrets.kinds()));

        assertEquals("s3cr3t", source.getValue("vipps.client-secret"));
        assertEquals("shop-key-0123456789", source.getValue("vcl.shop-api-key"));
        assertEquals(4, source.getPropertyNames().size());
        assertEquals(SecretsManagerConfigSourceFactory.ORDINAL, source.getOrdinal());
        assertEquals(2, aws.calls().size(), "one call per secret");
    }

    @Test
    void eachFunctionDeclaresItsSecretsByKindInItsEnvironment() {
        Map<String, String> env = Map.of("VCL_SECRET_SHOP", SHOP, "VCL_SECRET_STAFF", STAFF, "AWS_REGION",
                "eu-north-1");
        DeclaredSecrets secrets = DeclaredSecrets.from(env::get).orElseThrow();
        assertEquals(Set.of(SecretKind.SHOP, SecretKind.STAFF), secrets.kinds());
        assertTrue(DeclaredSecrets.from(Map.of("AWS_REGION", "eu-north-1")::get).isEmpty(), "none declared");
        IllegalStateException noRegion = assertThrows(IllegalStateException.class,
                () -> DeclaredSecrets.from(Map.of("VCL_SECRET_SHOP", SHOP)::get));
        assertTrue(noRegion.getMessage().contains("AWS_REGION"), noRegion.getMessage());
    }

    @Test
    void readsOnlyTheKindsAskedFor() {
        aws.put(SHOP, Map.of("vcl.shop-api-key", "shop-key-0123456789"));
        aws.put(STAFF, Map.of("vcl.staff.kari.api-key", "kari-key", "vcl.staff.kari.rights", "support"));
        aws.put(VIPPS, Map.of("vipps.client-id", "client"));
        DeclaredSecrets secrets = declared(Map.of(SecretKind.VIPPS, VIPPS, SecretKind.SHOP, SHOP,
                SecretKind.STAFF, STAFF));

        Map<String, String> keys = secrets.read(List.of(SecretKind.SHOP, SecretKind.STAFF));

        assertEquals(Set.of("vcl.shop-api-key", "vcl.staff.kari.api-key", "vcl.staff.kari.rights"), keys.keySet());
        assertEquals(Set.of(SHOP, STAFF), Set.copyOf(aws.calls().stream().map(FakeSecretsManager.Call::secretId)
                .toList()));
    }

    @Test
    void signsEveryRequestWithSigV4AndTheSessionToken() {
        aws.put(SHOP, Map.of("vcl.shop-api-key", "k"));

        reader().read(SecretKind.SHOP, SHOP);

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
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reader().read(SecretKind.VIPPS, VIPPS));
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertTrue(e.getMessage().contains(VIPPS), e.getMessage());
    }

    /**
     * Whoever may write the staff secret must not be able to set the Vipps client secret (or a shop key, or Quarkus'
     * own configuration) through it: such an entry is refused, and the refusal is logged without its value.
     */
    @Test
    void aSecretHoldingANameItMayNotHoldIsRefusedAndLoggedWithoutItsValue() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SecretsManagerReader.class.getName());
        logger.addHandler(capture);
        try {
            for (Map<String, String> smuggled : List.of(
                    Map.of("vcl.staff.kari.api-key", "staff-key-kari-0123456789abcdef0123", "vcl.staff.kari.rights",
                            "support", "vipps.client-secret", "hunter2-smuggled-client-secret"),
                    Map.of("vcl.shop-api-key", "hunter2-smuggled-shop-key-0123456789"),
                    Map.of("quarkus.log.level", "hunter2-DEBUG"))) {
                aws.put(STAFF, smuggled);
                logged.clear();
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> reader().read(SecretKind.STAFF, STAFF));
                String name = smuggled.keySet().stream().filter(n -> !SecretKind.STAFF.mayHold(n)).findFirst()
                        .orElseThrow();
                assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
                assertTrue(e.getMessage().contains("may not hold"), e.getMessage());
                assertFalse(e.getMessage().contains("hunter2"), "the value must not leak: " + e.getMessage());
                assertEquals(1, logged.size(), "the refusal is logged: " + logged);
                assertTrue(logged.get(0).contains(name), logged.get(0));
                assertFalse(logged.get(0).contains("hunter2"), "the value must not be logged: " + logged.get(0));
            }
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void everyKindHoldsExactlyItsOwnNames() {
        assertTrue(SecretKind.VIPPS.mayHold("vipps.client-secret"));
        assertFalse(SecretKind.VIPPS.mayHold("vipps.base-url"), "not a secret: a stack parameter");
        assertTrue(SecretKind.SHOP.mayHold("vcl.shop-api-key-next"));
        assertFalse(SecretKind.SHOP.mayHold("vcl.shop-rights"), "the shop's rights are not the shop's to set");
        assertTrue(SecretKind.STAFF.mayHold("vcl.staff.kari.rights"));
        assertFalse(SecretKind.STAFF.mayHold("vcl.staff.kari.api-key.extra"));
        assertFalse(SecretKind.STAFF.mayHold("vcl.shop-api-key"));
        assertFalse(SecretKind.TOKEN.mayHold("vcl.shop-api-key"));
        assertEquals(List.of("vcl.staff.<id>.api-key", "vcl.staff.<id>.rights"), SecretKind.STAFF.declaredNames());
    }

    @Test
    void refusesNonStringValuesAndNonJsonWithoutRevealingThem() {
        aws.putRaw(SHOP, "{\"vcl.shop-api-key\": 42}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader().read(SecretKind.SHOP,
                SHOP));
        assertTrue(e.getMessage().contains("must be a JSON string"), e.getMessage());

        aws.putRaw(SHOP, "hunter2-not-json");
        e = assertThrows(IllegalStateException.class, () -> reader().read(SecretKind.SHOP, SHOP));
        assertFalse(e.getMessage().contains("hunter2"), "the value must not leak: " + e.getMessage());
    }

    @Test
    void nothingIsReadWithoutTheVariables() {
        // The factory is registered for every Quarkus start; without VCL_SECRET_* (tests, local runs, build) it adds
        // no source and makes no call.
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

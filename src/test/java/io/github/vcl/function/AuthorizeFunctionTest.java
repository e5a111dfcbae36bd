package io.github.vcl.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.testing.CheckoutWorld;
import io.github.vcl.testing.FunctionProfile;
import io.github.vcl.testing.FunctionTest;
import io.github.vcl.testing.SecretsWorld;
import io.github.vcl.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP API's Lambda authorizer through the Lambda event path, its keys in a (local) Secrets Manager as in AWS,
 * and time moved by hand: a revoked or rotated key takes effect within {@link ApiKeys#REFRESH_EVERY} here, and within
 * that plus API Gateway's result cache ({@code ReauthorizeEvery}, checked in TemplateTest) at the gateway.
 */
@QuarkusTest
@TestProfile(FunctionProfile.Authorize.class)
class AuthorizeFunctionTest extends FunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @AfterEach
    void restoreTheSecrets() {
        SecretsWorld.reset();
        clock.advance(ApiKeys.REFRESH_EVERY);
    }

    @Test
    void allowsTheShopKeyAndEveryStaffKeyAndNothingElse() throws Exception {
        assertTrue(authorize("Bearer " + CheckoutWorld.SHOP_API_KEY));
        assertTrue(authorize("Bearer " + CheckoutWorld.STAFF_API_KEY));
        assertTrue(authorize("Bearer " + CheckoutWorld.SUPPORT_API_KEY));
        assertFalse(authorize("Bearer not-a-key-but-long-enough-0123456789"));
        assertFalse(authorize(CheckoutWorld.SHOP_API_KEY));
        assertFalse(authorize("Basic " + CheckoutWorld.SHOP_API_KEY));
        assertFalse(authorize(""));
    }

    @Test
    void aRevokedStaffKeyIsRefusedWithinTheStatedTime() throws Exception {
        assertTrue(authorize("Bearer " + CheckoutWorld.STAFF_API_KEY));
        Map<String, String> withoutKari = SecretsWorld.staff();
        withoutKari.remove("vcl.staff.kari.api-key");
        withoutKari.remove("vcl.staff.kari.rights");
        SecretsWorld.secrets().put(SecretsWorld.STAFF_ARN, withoutKari);

        clock.advance(ApiKeys.REFRESH_EVERY.minusSeconds(1));
        assertTrue(authorize("Bearer " + CheckoutWorld.STAFF_API_KEY), "within the refresh time the key still works");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(authorize("Bearer " + CheckoutWorld.STAFF_API_KEY),
                "revoked after " + ApiKeys.REFRESH_EVERY.toSeconds() + " s");
        assertTrue(authorize("Bearer " + CheckoutWorld.SUPPORT_API_KEY), "the other staff key is untouched");
    }

    @Test
    void aRotatedShopKeyWorksBesideTheOldOneUntilTheOldIsRemoved() throws Exception {
        String next = "shop-key-next-for-tests-0123456789abcdef";
        SecretsWorld.secrets().put(SecretsWorld.SHOP_ARN, Map.of("vcl.shop-api-key", CheckoutWorld.SHOP_API_KEY,
                "vcl.shop-api-key-next", next));
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertTrue(authorize("Bearer " + next));
        assertTrue(authorize("Bearer " + CheckoutWorld.SHOP_API_KEY));

        SecretsWorld.secrets().put(SecretsWorld.SHOP_ARN, Map.of("vcl.shop-api-key", next));
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertTrue(authorize("Bearer " + next));
        assertFalse(authorize("Bearer " + CheckoutWorld.SHOP_API_KEY), "the old key is gone");
    }

    @Test
    void aSecretThatGainsANameItMayNotHoldIsNotTakenOver() throws Exception {
        Map<String, String> smuggling = SecretsWorld.staff();
        smuggling.put("vcl.shop-api-key", "smuggled-shop-key-0123456789abcdef0123");
        SecretsWorld.secrets().put(SecretsWorld.STAFF_ARN, smuggling);
        clock.advance(ApiKeys.REFRESH_EVERY);
        assertFalse(authorize("Bearer smuggled-shop-key-0123456789abcdef0123"));
        assertTrue(authorize("Bearer " + CheckoutWorld.STAFF_API_KEY), "the keys read before stay in use");
    }

    private boolean authorize(String authorization) throws IOException {
        ObjectNode event;
        try (InputStream in = getClass().getResourceAsStream("/lambda-events/http-api-authorizer.json")) {
            event = (ObjectNode) JSON.readTree(in);
        }
        ((ObjectNode) event.get("headers")).put("authorization", authorization);
        event.putArray("identitySource").add(authorization);
        JsonNode decision = JSON.readTree(world().lambda().invoke("authorize", event.toString()));
        assertEquals(1, decision.size(), decision.toString());
        return decision.get("isAuthorized").asBoolean();
    }
}

package io.github.vcl.testing;

import io.github.vcl.config.FakeSecretsManager;
import io.github.vcl.config.SecretKind;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The shop and staff secrets of a {@link CheckoutWorld}'s keys in a local Secrets Manager, declared to the function as
 * in AWS ({@code VCL_SECRET_SHOP}, {@code VCL_SECRET_STAFF}), so a test can change a secret and watch the running
 * function notice.
 */
public class SecretsWorld implements QuarkusTestResourceLifecycleManager {
    public static final String SHOP_ARN = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/shop";
    public static final String STAFF_ARN = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/test/staff";
    private static volatile FakeSecretsManager secrets;

    public static FakeSecretsManager secrets() {
        return secrets;
    }

    /** The secrets as the world starts with them. */
    public static void reset() {
        secrets.put(SHOP_ARN, Map.of("vcl.shop-api-key", CheckoutWorld.SHOP_API_KEY));
        secrets.put(STAFF_ARN, staff());
    }

    public static Map<String, String> staff() {
        Map<String, String> staff = new HashMap<>();
        staff.put("vcl.staff.kari.api-key", CheckoutWorld.STAFF_API_KEY);
        staff.put("vcl.staff.kari.rights", "operations,support");
        staff.put("vcl.staff.ola.api-key", CheckoutWorld.SUPPORT_API_KEY);
        staff.put("vcl.staff.ola.rights", "support");
        return staff;
    }

    @Override
    public Map<String, String> start() {
        secrets = FakeSecretsManager.start();
        reset();
        // What Lambda hands every function: the execution role's credentials.
        System.setProperty("aws.accessKeyId", "ASIAEXAMPLEEXAMPLE01");
        System.setProperty("aws.secretAccessKey", "execution-role-secret-key");
        return Map.of(SecretKind.SHOP.variable(), SHOP_ARN, SecretKind.STAFF.variable(), STAFF_ARN,
                "AWS_REGION", "eu-north-1", "VCL_SECRETS_ENDPOINT", secrets.endpoint().toString());
    }

    @Override
    public void stop() {
        secrets.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}

package io.github.vcl.deploy;

import io.github.vcl.config.FakeSecretsManager;
import io.github.vcl.local.dynamodb.Dynalite;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.webhook.WebhookSignature;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.github.vcl.deploy.SamTemplate.list;
import static io.github.vcl.deploy.SamTemplate.map;
import static io.github.vcl.deploy.SamTemplate.ref;

/**
 * A deployed stack's world for the packaged functions, on this machine: template.yaml with its parameters filled in,
 * the stack's secrets in a local Secrets Manager, the table in dynalite, Vipps simulated. Gives each function the
 * environment the template and Lambda give it in AWS (see {@link #environment}). Used by {@link PackagedFunctionIT}
 * and the cold-start benchmark.
 */
public final class PackagedWorld implements AutoCloseable {
    public static final String SHOP_KEY = "shop-key-for-the-packaged-test-0123456789";
    public static final String STAFF_KEY = "staff-key-of-kari-for-the-packaged-test-01";
    public static final String ARN = "arn:aws:secretsmanager:eu-north-1:123456789012:secret:vcl/it/";
    public static final String WEBHOOK_SECRET = "webhook-secret-the-registration-returned-0123456789==";
    public static final String STACK = "vcl-it";
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]+)}");
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final SamTemplate template;
    private final VippsSimulator vipps;
    private final FakeSecretsManager secrets;
    private final Dynalite dynalite;
    private final DynamoDbClient dynamo;

    private PackagedWorld(SamTemplate template, VippsSimulator vipps, FakeSecretsManager secrets, Dynalite dynalite,
                          DynamoDbClient dynamo) {
        this.template = template;
        this.vipps = vipps;
        this.secrets = secrets;
        this.dynalite = dynalite;
        this.dynamo = dynamo;
    }

    public static PackagedWorld start() {
        VippsSimulator vipps = VippsSimulator.start();
        Credentials credentials = vipps.credentials();
        FakeSecretsManager secrets = FakeSecretsManager.start()
                .put(ARN + "vipps", Map.of("vipps.client-id", credentials.clientId(),
                        "vipps.client-secret", credentials.clientSecret(),
                        "vipps.subscription-key", credentials.subscriptionKey()))
                .put(ARN + "shop", Map.of("vcl.shop-api-key", SHOP_KEY))
                .put(ARN + "staff", Map.of("vcl.staff.kari.api-key", STAFF_KEY,
                        "vcl.staff.kari.rights", "operations,support"))
                .put(ARN + "token", Map.of("vcl.token-secret", "generated-by-cloudformation-0123456789abcdef"))
                .put(ARN + "webhook", Map.of("vcl.webhook-secret", WEBHOOK_SECRET));
        Dynalite dynalite = Dynalite.shared();
        return new PackagedWorld(SamTemplate.load(), vipps, secrets, dynalite,
                OrderTableSetup.client(dynalite.endpoint()));
    }

    public SamTemplate template() {
        return template;
    }

    public VippsSimulator vipps() {
        return vipps;
    }

    public FakeSecretsManager secrets() {
        return secrets;
    }

    public Dynalite dynalite() {
        return dynalite;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** A new, empty orders table as template.yaml declares it. */
    public String newTable() {
        String table = "orders-it-" + TABLES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        OrderTableSetup.create(dynamo, table);
        return table;
    }

    /**
     * The environment of the function exporting {@code export}: exactly template.yaml's variables (parameters
     * filled in, {@code table} as the orders table), the region and role credentials Lambda sets in every execution
     * environment, and the endpoints of the local stand-ins for DynamoDB and Secrets Manager.
     */
    public Map<String, String> environment(String export, String table) {
        Map<String, String> env = new LinkedHashMap<>();
        template.environment(template.functionExporting(export)).forEach((name, value) -> env.put(name,
                resolve(value, table)));
        env.putAll(lambdaCredentials());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynalite.endpoint().toString());
        env.put("VCL_SECRETS_ENDPOINT", secrets.endpoint().toString());
        return env;
    }

    /** Region and role credentials, as Lambda sets them in every execution environment. */
    public static Map<String, String> lambdaCredentials() {
        return Map.of("AWS_REGION", "eu-north-1", "AWS_DEFAULT_REGION", "eu-north-1",
                "AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXAMPLE01", "AWS_SECRET_ACCESS_KEY", "execution-role-secret-key",
                "AWS_SESSION_TOKEN", "execution-role-session-token");
    }

    /** The value of a template parameter in this "stack". */
    public Map<String, String> parameters() {
        Credentials credentials = vipps.credentials();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("PublicBaseUrl", "https://a1b2c3d4e5.execute-api.eu-north-1.amazonaws.com/");
        p.put("TermsAndConditionsUrl", "https://shop.example/terms");
        p.put("ReferencePrefix", "shop");
        p.put("VippsBaseUrl", vipps.baseUrl()); // the simulator instead of apitest.vipps.no
        p.put("VippsMerchantSerialNumber", credentials.merchantSerialNumber());
        p.put("VippsSecretArn", ARN + "vipps");
        p.put("ShopSecretArn", ARN + "shop");
        p.put("StaffSecretArn", ARN + "staff");
        p.put("OrderDetailsUrlTemplate", "https://shop.example/orders/{shopOrderId}");
        return p;
    }

    /** The headers of a webhook delivery of {@code body}, signed as Vipps signs for the registered URL. */
    public Map<String, String> signedWebhookHeaders(String body) {
        URI registered = URI.create(parameters().get("PublicBaseUrl")).resolve("webhooks/vipps");
        String date = WebhookSignature.formatDate(Instant.now());
        String hash = WebhookSignature.contentHash(body.getBytes(StandardCharsets.UTF_8));
        return Map.of("content-type", "application/json", "x-ms-date", date, "x-ms-content-sha256", hash,
                "authorization", WebhookSignature.authorizationHeader(WEBHOOK_SECRET,
                        WebhookSignature.pathAndQuery(registered), WebhookSignature.host(registered), date, hash));
    }

    /** A stack parameter's default in template.yaml, as `sam deploy` would take it; null without one. */
    String parameterDefault(String name) {
        Object parameter = map(template.root().get("Parameters")).get(name);
        Object value = parameter == null ? null : map(parameter).get("Default");
        return value == null ? null : value.toString();
    }

    String resolve(Object value, String table) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String ref = ref(value);
        if (ref != null) {
            return switch (ref) {
                case "OrdersTable" -> table;
                case "TokenSecret" -> ARN + "token";
                case "WebhookSecret" -> ARN + "webhook";
                default -> {
                    String parameter = parameters().getOrDefault(ref, parameterDefault(ref));
                    if (parameter == null) {
                        throw new AssertionError("the test has no value for !Ref " + ref);
                    }
                    yield parameter;
                }
            };
        }
        if (map(value).get("Fn::Sub") instanceof String sub) {
            return SUBSTITUTION.matcher(sub).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1).equals("AWS::StackName") ? STACK : resolve(Map.of("Ref", m.group(1)), table)));
        }
        List<Object> join = list(map(value).get("Fn::Join"));
        if (!join.isEmpty()) {
            return list(join.get(1)).stream().map(v -> resolve(v, table))
                    .collect(Collectors.joining((String) join.get(0)));
        }
        throw new AssertionError("the test cannot resolve " + value);
    }

    @Override
    public void close() {
        secrets.close();
        vipps.close();
        dynamo.close();
    }
}

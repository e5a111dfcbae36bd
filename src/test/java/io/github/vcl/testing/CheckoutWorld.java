package io.github.vcl.testing;

import io.github.vcl.local.dynamodb.Dynalite;
import io.github.vcl.local.dynamodb.OrderTableSetup;
import io.github.vcl.local.gateway.LocalGateway;
import io.github.vcl.local.gateway.Routes;
import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.SimulatorOptions;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.local.simulator.webhooks.WebhookRegistration;
import io.github.vcl.order.Reference;
import io.github.vcl.store.DryRun;
import io.github.vcl.store.ShopOrders;
import io.github.vcl.vipps.webhook.model.WebhookEvents;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything around the function under test, all real: dynalite with a fresh orders table, the Vipps simulator, and
 * a local API Gateway whose routes reach the exported function through the Lambda mock event server (other routes
 * answer 503, as a Lambda that is not deployed would).
 */
public class CheckoutWorld implements QuarkusTestResourceLifecycleManager {
    public static final String SHOP_API_KEY = "shop-key-for-tests-0123456789abcdef";
    public static final String ORDER_DETAILS_URL_TEMPLATE = "https://shop.example/orders/{shopOrderId}";
    /** Staff member "kari": operations and support. */
    public static final String STAFF_API_KEY = "staff-key-kari-for-tests-0123456789";
    /** Staff member "ola": support only. */
    public static final String SUPPORT_API_KEY = "staff-key-ola-for-tests-0123456789ab";
    private static volatile CheckoutWorld current;

    /** A world argument (ISO-8601 duration): the simulated Checkout sessions' lifetime instead of one hour. */
    public static final String SIMULATOR_SESSION_TTL = "simulator.session-ttl";
    /** A world argument (ISO-8601 duration): how long a simulated payment waits for the customer, not 10 minutes. */
    public static final String SIMULATOR_PAYMENT_EXPIRY = "simulator.payment-expiry";
    /** A world argument ({@code true}): the simulator reads {@link TestClock#shared()}, the hand-moved clock. */
    public static final String SIMULATOR_TEST_CLOCK = "simulator.test-clock";

    private String function;
    private Duration simulatorSessionTtl;
    private Duration simulatorPaymentExpiry;
    private boolean simulatorTestClock;
    private Map<String, String> overrides = Map.of();
    private VippsSimulator simulator;
    private LocalGateway gateway;
    private MockEventServerInvoker lambda;
    private DynamoDbClient dynamo;
    private WebhookRegistration webhook;
    private String table;

    /** The world of the running test application. */
    public static CheckoutWorld current() {
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        function = initArgs.get("function");
        overrides = new HashMap<>(initArgs);
        overrides.remove("function");
        String ttl = overrides.remove(SIMULATOR_SESSION_TTL);
        simulatorSessionTtl = ttl == null ? null : Duration.parse(ttl);
        String expiry = overrides.remove(SIMULATOR_PAYMENT_EXPIRY);
        simulatorPaymentExpiry = expiry == null ? null : Duration.parse(expiry);
        simulatorTestClock = Boolean.parseBoolean(overrides.remove(SIMULATOR_TEST_CLOCK));
    }

    @Override
    public Map<String, String> start() {
        Dynalite dynalite = Dynalite.shared();
        dynamo = OrderTableSetup.client(dynalite.endpoint());
        table = "orders-" + UUID.randomUUID();
        OrderTableSetup.create(dynamo, table);
        SimulatorOptions options = SimulatorOptions.defaults()
                .withDeliveryRetries(3, Duration.ofMillis(50), Duration.ofSeconds(5));
        if (simulatorSessionTtl != null) {
            options = options.withSessionTtl(simulatorSessionTtl);
        }
        if (simulatorPaymentExpiry != null) {
            options = options.withPaymentExpiry(simulatorPaymentExpiry);
        }
        if (simulatorTestClock) {
            options = options.withClock(TestClock.shared());
        }
        simulator = VippsSimulator.start(options);
        lambda = new MockEventServerInvoker(function);
        gateway = LocalGateway.start(0, Routes.ALL, lambda);
        Credentials credentials = simulator.credentials();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", dynalite.endpoint().toString());
        config.put("quarkus.dynamodb.interceptors", DryRun.class.getName() + "," + DynamoCallCounter.class.getName());
        config.put("quarkus.dynamodb.aws.region", OrderTableSetup.REGION.id());
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local");
        config.put("vcl.orders-table", table);
        config.put("vcl.public-base-url", gateway.baseUrl().toString());
        config.put("vcl.terms-and-conditions-url", "https://shop.example/terms");
        config.put("vcl.reference-prefix", "test");
        config.put("vcl.token-secret", "token-secret-for-tests-0123456789abcdef");
        config.put("vcl.shop-api-key", SHOP_API_KEY);
        config.put("vcl.first-poll-after", "0s");
        config.put("vcl.poll-interval", "0s");
        config.put("vipps.base-url", simulator.baseUrl());
        config.put("vipps.client-id", credentials.clientId());
        config.put("vipps.client-secret", credentials.clientSecret());
        config.put("vipps.subscription-key", credentials.subscriptionKey());
        config.put("vipps.merchant-serial-number", credentials.merchantSerialNumber());
        config.put("vipps.retry.base-delay", "10ms");
        config.put("vcl.order-details-url-template", ORDER_DETAILS_URL_TEMPLATE);
        config.put("vcl.staff.kari.api-key", STAFF_API_KEY);
        config.put("vcl.staff.kari.rights", "operations,support");
        config.put("vcl.staff.ola.api-key", SUPPORT_API_KEY);
        config.put("vcl.staff.ola.rights", "support");
        config.put("quarkus.funqy.export", function);
        if ("webhooks".equals(function)) {
            // As infra/register-webhooks.sh does for a deployment: registered at Vipps, its secret in the configuration.
            webhook = simulator.registerWebhook(gateway.baseUrl().resolve("webhooks/vipps"),
                    WebhookEvents.ALL.toArray(String[]::new));
            config.put("vcl.webhook-secret", webhook.secret());
        }
        config.putAll(overrides);
        current = this;
        return config;
    }

    @Override
    public void stop() {
        gateway.close();
        simulator.close();
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
    }

    public VippsSimulator simulator() {
        return simulator;
    }

    /** The webhook registration of a world exporting the webhooks function. */
    public WebhookRegistration webhook() {
        return webhook;
    }

    public LocalGateway gateway() {
        return gateway;
    }

    /** Every item of the orders table (test-side Scan), to prove a refused request changed nothing. */
    public List<Map<String, AttributeValue>> tableSnapshot() {
        return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
    }

    /** The shop order's current payment attempt, as initiate recorded it. */
    public Reference currentAttempt(String shopOrderId) {
        return new ShopOrders(dynamo, table).current(shopOrderId).orElseThrow(() -> new AssertionError(
                "shop order " + shopOrderId + " has no payment attempt"));
    }

    public MockEventServerInvoker lambda() {
        return lambda;
    }
}

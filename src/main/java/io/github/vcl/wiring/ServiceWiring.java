package io.github.vcl.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.auth.ApiKeys;
import io.github.vcl.checkout.AttemptCloser;
import io.github.vcl.checkout.CallbackService;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.checkout.CheckoutSettings;
import io.github.vcl.checkout.SessionTokens;
import io.github.vcl.checkout.StatusService;
import io.github.vcl.config.BackendConfig;
import io.github.vcl.config.DeclaredSecrets;
import io.github.vcl.config.SecretKind;
import io.github.vcl.function.InitiateRequestParser;
import io.github.vcl.function.OperationRequestParser;
import io.github.vcl.observe.Metrics;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.payment.OperationSender;
import io.github.vcl.payment.PaymentPoller;
import io.github.vcl.reconcile.FollowUpCadence;
import io.github.vcl.reconcile.PaymentHistoryFiler;
import io.github.vcl.reconcile.ReconcileService;
import io.github.vcl.store.CountingOrderStore;
import io.github.vcl.store.InitiateClaims;
import io.github.vcl.store.OrderSearch;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.store.ReconcileShards;
import io.github.vcl.store.ReconcilerBookmark;
import io.github.vcl.store.ShopOrders;
import io.github.vcl.support.SupportService;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsConfig;
import io.github.vcl.vipps.VippsSettings;
import io.github.vcl.webhooks.WebhookSecrets;
import io.github.vcl.webhooks.WebhookService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the plain-Java services from configuration. Beans are created when first needed — for the exported function,
 * at start-up ({@link FunctionWarmUp}) — so each Lambda constructs only what its function needs (and needs only that
 * function's secrets).
 */
@ApplicationScoped
public class ServiceWiring {
    private static final String SHOP_RIGHTS = "vcl.shop-rights";

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Embedded-metric-format lines on standard output, in the stack's namespace, naming the exported function. */
    @Produces
    @Singleton
    Metrics metrics(BackendConfig config, Config raw, Clock clock) {
        return Metrics.toStandardOutput(config.metricsNamespace(),
                raw.getOptionalValue("quarkus.funqy.export", String.class).orElse("none"), clock);
    }

    @Produces
    @Singleton
    ReconcileShards reconcileShards(BackendConfig config) {
        return new ReconcileShards(config.reconcile().shards());
    }

    @Produces
    @Singleton
    OrderStore orderStore(DynamoDbClient dynamo, BackendConfig config, ReconcileShards shards, Metrics metrics) {
        OrderStore store = new CountingOrderStore(dynamo, config.ordersTable(), shards, metrics);
        store.warmUp();
        return store;
    }

    @Produces
    @Singleton
    CheckoutSettings checkoutSettings(BackendConfig config) {
        return new CheckoutSettings(config.publicBaseUrl(), config.termsAndConditionsUrl(), config.referencePrefix(),
                config.flow(), config.functionTimeout());
    }

    @Produces
    @Singleton
    CheckoutService checkoutService(OrderStore store, DynamoDbClient dynamo, BackendConfig config,
                                    VippsClients vipps, PaymentPoller poller, SessionTokens tokens,
                                    CheckoutSettings settings, Clock clock) {
        return new CheckoutService(store, new InitiateClaims(dynamo, config.ordersTable()),
                new ShopOrders(dynamo, config.ordersTable()), vipps,
                new AttemptCloser(vipps.epayment(), vipps.checkout(), poller), tokens, settings, clock);
    }

    @Produces
    @Singleton
    SessionTokens sessionTokens(BackendConfig config) {
        return new SessionTokens(config.tokenSecret().orElseThrow(() -> missing("vcl.token-secret")).reveal());
    }

    @Produces
    @Singleton
    CallbackService callbackService(OrderStore store, SessionTokens tokens, VippsConfig vipps, Clock clock) {
        return new CallbackService(store, tokens, vipps.merchantSerialNumber()
                .orElseThrow(() -> missing("vipps.merchant-serial-number")), clock);
    }

    @Produces
    @Singleton
    PaymentPoller paymentPoller(VippsClients vipps, OrderStore store, BackendConfig config, Clock clock) {
        return new PaymentPoller(vipps.checkout(), vipps.epayment(), new OrderUpdater(store),
                config.sessionLifetime(), config.reconcile().operationGrace(), clock);
    }

    @Produces
    @Singleton
    StatusService statusService(OrderStore store, PaymentPoller poller, BackendConfig config, Clock clock) {
        return new StatusService(store, poller, config.firstPollAfter(), config.pollInterval(), clock);
    }

    @Produces
    @Singleton
    OperationSender operationSender(VippsClients vipps, OrderStore store, Clock clock) {
        return new OperationSender(vipps.epayment(), new OrderUpdater(store), clock);
    }

    @Produces
    @Singleton
    OperationsService operationsService(OrderStore store, OperationSender sender, Clock clock) {
        return new OperationsService(new OrderUpdater(store), sender, clock);
    }

    @Produces
    @Singleton
    SupportService supportService(OrderStore store, DynamoDbClient dynamo, VippsClients vipps, PaymentPoller poller,
                                  BackendConfig config, Clock clock) {
        return new SupportService(store, new OrderSearch(dynamo, config.ordersTable()), vipps.epayment(),
                vipps.checkout(), poller, clock);
    }

    @Produces
    @Singleton
    ReconcileService reconcileService(OrderStore store, ReconcileShards shards, DynamoDbClient dynamo,
                                      PaymentPoller poller, OperationSender sender, VippsClients vipps,
                                      BackendConfig config, Clock clock) {
        PaymentHistoryFiler paymentHistory = new PaymentHistoryFiler(vipps.orderManagement(), new OrderUpdater(store),
                config.orderDetailsUrlTemplate(), clock);
        VippsSettings timeouts = vipps.settings();
        return new ReconcileService(store, new ReconcilerBookmark(dynamo, config.ordersTable()), shards, poller,
                sender, paymentHistory, new ReconcileService.Settings(config.reconcile().concurrency(),
                config.reconcile().pageSize(), timeouts.connectTimeout().plus(timeouts.readTimeout()),
                config.reconcile().operationGrace(), new FollowUpCadence(config.reconcile().longestFollowUp(),
                config.reconcile().webhooks() == BackendConfig.Webhooks.REGISTERED
                        ? Optional.of(config.reconcile().webhookSafetyPoll()) : Optional.empty()),
                config.sessionLifetime()), clock);
    }

    /**
     * The API keys of this function's configuration; where they come from a secret store (AWS), read again from it
     * every {@link ApiKeys#REFRESH_EVERY}, so a revoked key stops working without a redeployment.
     */
    @Produces
    @Singleton
    ApiKeys apiKeys(BackendConfig config, Config raw, Clock clock) {
        Map<String, String> configured = keyEntries(config);
        return secretStore(raw, SecretKind.SHOP, SecretKind.STAFF)
                .map(read -> ApiKeys.reloading(configured, () -> {
                    Map<String, String> entries = new HashMap<>(read.get());
                    entries.put(SHOP_RIGHTS, config.shopRights());
                    return entries;
                }, clock))
                .orElseGet(() -> ApiKeys.fixed(configured));
    }

    /** The webhook secrets; like API keys, read again from the secret store every minute (rotation). */
    @Produces
    @Singleton
    WebhookSecrets webhookSecrets(BackendConfig config, Config raw, Clock clock) {
        Map<String, String> configured = new HashMap<>();
        config.webhookSecret().ifPresent(s -> configured.put("vcl.webhook-secret", s.reveal()));
        config.webhookSecretNext().ifPresent(s -> configured.put("vcl.webhook-secret-next", s.reveal()));
        return secretStore(raw, SecretKind.WEBHOOK)
                .map(read -> WebhookSecrets.reloading(configured, read, clock))
                .orElseGet(() -> WebhookSecrets.fixed(configured));
    }

    @Produces
    @Singleton
    WebhookService webhookService(WebhookSecrets secrets, CheckoutSettings settings, VippsConfig vipps,
                                  OrderStore store, PaymentPoller poller, Clock clock) {
        return new WebhookService(secrets, settings.webhookUrl(), vipps.merchantSerialNumber()
                .orElseThrow(() -> missing("vipps.merchant-serial-number")), store, poller, clock);
    }

    /** Reads this function's secrets of {@code kinds} from the secret store, where it has them (AWS). */
    private static Optional<Supplier<Map<String, String>>> secretStore(Config raw, SecretKind... kinds) {
        List<SecretKind> wanted = List.of(kinds);
        return DeclaredSecrets.from(name -> raw.getOptionalValue(name, String.class).orElse(null))
                .filter(secrets -> secrets.kinds().stream().anyMatch(wanted::contains))
                .map(secrets -> () -> secrets.read(wanted));
    }

    /**
     * A function that is given API keys checks them when it starts, not at its first request: a key that is too short
     * or a staff member without rights stops the cold start with a message naming the configuration.
     */
    void checkApiKeysAtStart(@Observes StartupEvent start, BackendConfig config, Instance<ApiKeys> keys) {
        if (config.shopApiKey().isPresent() || config.shopApiKeyNext().isPresent() || !config.staff().isEmpty()) {
            keys.get(); // a @Singleton: created, and its keys checked, right here
        }
    }

    /**
     * The key configuration under the names a secret holds them ({@link SecretKind#SHOP}, {@link SecretKind#STAFF}).
     */
    private static Map<String, String> keyEntries(BackendConfig config) {
        Map<String, String> entries = new HashMap<>();
        config.shopApiKey().ifPresent(k -> entries.put("vcl.shop-api-key", k.reveal()));
        config.shopApiKeyNext().ifPresent(k -> entries.put("vcl.shop-api-key-next", k.reveal()));
        entries.put(SHOP_RIGHTS, config.shopRights());
        config.staff().forEach((id, member) -> {
            entries.put("vcl.staff." + id + ".api-key", member.apiKey().reveal());
            entries.put("vcl.staff." + id + ".rights", member.rights());
        });
        return entries;
    }

    @Produces
    @Singleton
    OperationRequestParser operationRequestParser(ObjectMapper json) {
        return new OperationRequestParser(json);
    }

    @Produces
    @Singleton
    InitiateRequestParser initiateRequestParser(ObjectMapper json) {
        return new InitiateRequestParser(json);
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("configuration '" + key + "' is not set");
    }
}

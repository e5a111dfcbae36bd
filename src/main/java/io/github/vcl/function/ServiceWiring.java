package io.github.vcl.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.checkout.CallbackService;
import io.github.vcl.checkout.CheckoutService;
import io.github.vcl.checkout.CheckoutSettings;
import io.github.vcl.store.OrderUpdater;
import io.github.vcl.checkout.PaymentPoller;
import io.github.vcl.checkout.SessionTokens;
import io.github.vcl.checkout.StatusService;
import io.github.vcl.operations.OperationSender;
import io.github.vcl.operations.OperationsService;
import io.github.vcl.reconcile.PaymentHistoryFiler;
import io.github.vcl.reconcile.ReconcileService;
import io.github.vcl.store.InitiateClaims;
import io.github.vcl.store.OrderSearch;
import io.github.vcl.store.OrderStore;
import io.github.vcl.store.ReconcilerBookmark;
import io.github.vcl.support.SupportService;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;

/**
 * Builds the plain-Java services from configuration. Beans are created on first use, so each Lambda constructs only
 * what its function needs (and needs only that function's secrets).
 */
@ApplicationScoped
public class ServiceWiring {
    /** Vipps keeps a Checkout session for one hour (API notes §4.2). */
    private static final Duration SESSION_LIFETIME = Duration.ofHours(1);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    OrderStore orderStore(DynamoDbClient dynamo, BackendConfig config) {
        return new OrderStore(dynamo, config.ordersTable());
    }

    @Produces
    @Singleton
    CheckoutSettings checkoutSettings(BackendConfig config) {
        return new CheckoutSettings(config.publicBaseUrl(), config.termsAndConditionsUrl(), config.referencePrefix());
    }

    @Produces
    @Singleton
    CheckoutService checkoutService(OrderStore store, DynamoDbClient dynamo, BackendConfig config,
                                    VippsClients vipps, CheckoutSettings settings, Clock clock) {
        SessionTokens tokens = new SessionTokens(config.tokenSecret().orElseThrow(() -> missing("vcl.token-secret"))
                .reveal());
        return new CheckoutService(store, new InitiateClaims(dynamo, config.ordersTable()), vipps.checkout(), tokens,
                settings, clock);
    }

    @Produces
    @Singleton
    CallbackService callbackService(OrderStore store, VippsConfig vipps, Clock clock) {
        return new CallbackService(store, vipps.merchantSerialNumber()
                .orElseThrow(() -> missing("vipps.merchant-serial-number")), clock);
    }

    @Produces
    @Singleton
    PaymentPoller paymentPoller(VippsClients vipps, OrderStore store, Clock clock) {
        return new PaymentPoller(vipps.checkout(), vipps.epayment(), new OrderUpdater(store), SESSION_LIFETIME, clock);
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
    OperationsService operationsService(OrderStore store, OperationSender sender, PaymentPoller poller, Clock clock) {
        return new OperationsService(new OrderUpdater(store), sender, poller, clock);
    }

    @Produces
    @Singleton
    SupportService supportService(OrderStore store, DynamoDbClient dynamo, VippsClients vipps, BackendConfig config,
                                  Clock clock) {
        return new SupportService(store, new OrderSearch(dynamo, config.ordersTable()), vipps.epayment(),
                vipps.checkout(), clock);
    }

    @Produces
    @Singleton
    ReconcileService reconcileService(OrderStore store, DynamoDbClient dynamo, PaymentPoller poller,
                                      OperationSender sender, VippsClients vipps, BackendConfig config,
                                      Clock clock) {
        PaymentHistoryFiler paymentHistory = new PaymentHistoryFiler(vipps.orderManagement(), new OrderUpdater(store),
                config.orderDetailsUrlTemplate(), clock);
        return new ReconcileService(store, new ReconcilerBookmark(dynamo, config.ordersTable()), poller, sender,
                paymentHistory, config.reconcile().concurrency(), config.reconcile().pageSize(), clock);
    }

    @Produces
    @Singleton
    ShopAuthenticator shopAuthenticator(BackendConfig config) {
        return new ShopAuthenticator(config.shopApiKey().orElseThrow(() -> missing("vcl.shop-api-key")));
    }

    @Produces
    @Singleton
    StaffAuthenticator staffAuthenticator(BackendConfig config) {
        return new StaffAuthenticator(config.shopApiKey(), config.staff());
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

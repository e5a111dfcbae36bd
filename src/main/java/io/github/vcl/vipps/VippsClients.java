package io.github.vcl.vipps;

import io.github.vcl.observe.Metrics;
import io.github.vcl.vipps.checkout.CheckoutApi;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.epayment.EPaymentApi;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.http.RetryPolicy;
import io.github.vcl.vipps.http.Sleeper;
import io.github.vcl.vipps.http.VippsCallExecutor;
import io.github.vcl.vipps.http.VippsRestClientFactory.Auth;
import io.github.vcl.vipps.http.VippsRestClientFactory;
import io.github.vcl.vipps.ordermanagement.OrderManagementApi;
import io.github.vcl.vipps.ordermanagement.OrderManagementClient;
import io.github.vcl.vipps.token.AccessTokenApi;
import io.github.vcl.vipps.token.AccessTokenCache;
import io.github.vcl.vipps.token.BearerAuth;
import io.github.vcl.vipps.token.VippsAccessTokenFetcher;
import io.github.vcl.vipps.webhook.WebhookRegistrationClient;
import io.github.vcl.vipps.webhook.WebhooksApi;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * All Vipps clients of one sales unit, sharing one token cache, one retry policy and one REST client factory.
 * In the application they are CDI beans (see {@link VippsClientsProducer}); tests and the local run build them
 * with {@link #create(VippsSettings)} against any base URL.
 */
public final class VippsClients {

    private final VippsSettings settings;
    private final AccessTokenCache accessTokens;
    private final CheckoutClient checkout;
    private final EPaymentClient epayment;
    private final OrderManagementClient orderManagement;
    private final WebhookRegistrationClient webhooks;

    private VippsClients(VippsSettings settings, Sleeper sleeper, Clock clock, Metrics metrics) {
        this.settings = settings;
        VippsRestClientFactory factory = new VippsRestClientFactory(settings);
        RetryPolicy retryPolicy = new RetryPolicy(settings.retry().maxAttempts(), settings.retry().baseDelay(),
                settings.retry().maxDelay(), () -> ThreadLocalRandom.current().nextDouble());
        VippsCallExecutor executor = new VippsCallExecutor(retryPolicy, sleeper, clock,
                settings.connectTimeout().plus(settings.readTimeout()), metrics);
        String msn = settings.merchantSerialNumber();
        this.accessTokens = new AccessTokenCache(new VippsAccessTokenFetcher(
                factory.create(AccessTokenApi.class, Auth.CLIENT_CREDENTIALS), executor, msn, clock), clock);
        BearerAuth bearer = new BearerAuth(accessTokens, msn);
        this.checkout = new CheckoutClient(factory.create(CheckoutApi.class, Auth.CLIENT_CREDENTIALS), executor);
        this.epayment = new EPaymentClient(factory.create(EPaymentApi.class, Auth.BEARER_PER_CALL), bearer,
                executor);
        this.orderManagement = new OrderManagementClient(
                factory.create(OrderManagementApi.class, Auth.BEARER_PER_CALL), bearer, executor);
        this.webhooks = new WebhookRegistrationClient(factory.create(WebhooksApi.class, Auth.BEARER_PER_CALL),
                bearer, executor);
    }

    /** Clients that emit no metrics (tests, the local tools). */
    public static VippsClients create(VippsSettings settings) {
        return create(settings, Metrics.NONE);
    }

    /** The application's clients: every attempt at Vipps measured in {@code metrics}. */
    public static VippsClients create(VippsSettings settings, Metrics metrics) {
        return new VippsClients(settings, Sleeper.THREAD, Clock.systemUTC(), metrics);
    }

    /** With an own sleeper/clock, e.g. to make retries instant in tests. */
    public static VippsClients create(VippsSettings settings, Sleeper sleeper, Clock clock) {
        return new VippsClients(settings, sleeper, clock, Metrics.NONE);
    }

    public VippsSettings settings() {
        return settings;
    }

    public AccessTokenCache accessTokens() {
        return accessTokens;
    }

    public CheckoutClient checkout() {
        return checkout;
    }

    public EPaymentClient epayment() {
        return epayment;
    }

    public OrderManagementClient orderManagement() {
        return orderManagement;
    }

    public WebhookRegistrationClient webhooks() {
        return webhooks;
    }
}

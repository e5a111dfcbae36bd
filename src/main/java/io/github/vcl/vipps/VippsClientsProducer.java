package io.github.vcl.vipps;

import io.github.vcl.observe.Metrics;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.ordermanagement.OrderManagementClient;
import io.github.vcl.vipps.webhook.WebhookRegistrationClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * CDI beans of the Vipps clients, built lazily from {@link VippsConfig}: a function that never injects a Vipps
 * client starts without Vipps credentials. Every attempt at Vipps is measured in the application's {@link Metrics}.
 */
@ApplicationScoped
public class VippsClientsProducer {

    @Produces
    @Singleton
    VippsClients vippsClients(VippsConfig config, Metrics metrics) {
        return VippsClients.create(VippsSettings.from(config), metrics);
    }

    @Produces
    @Singleton
    CheckoutClient checkoutClient(VippsClients clients) {
        return clients.checkout();
    }

    @Produces
    @Singleton
    EPaymentClient ePaymentClient(VippsClients clients) {
        return clients.epayment();
    }

    @Produces
    @Singleton
    OrderManagementClient orderManagementClient(VippsClients clients) {
        return clients.orderManagement();
    }

    @Produces
    @Singleton
    WebhookRegistrationClient webhookRegistrationClient(VippsClients clients) {
        return clients.webhooks();
    }
}

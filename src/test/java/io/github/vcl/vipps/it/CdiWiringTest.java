package io.github.vcl.vipps.it;

import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsConfig;
import io.github.vcl.vipps.checkout.CheckoutClient;
import io.github.vcl.vipps.epayment.EPaymentClient;
import io.github.vcl.vipps.webhook.WebhookRegistrationClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clients as the functions get them: CDI beans configured from {@code vipps.*}. */
@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class CdiWiringTest {

    @Inject
    VippsConfig config;

    @Inject
    VippsClients clients;

    @Inject
    CheckoutClient checkout;

    @Inject
    EPaymentClient epayment;

    @Inject
    WebhookRegistrationClient webhooks;

    @Test
    void configuredFromApplicationProperties() {
        assertEquals(VippsSimulatorResource.simulator().baseUrl(), config.baseUrl().toString());
        assertEquals("vipps-checkout-lambda", config.system().name());
        assertEquals(Duration.ofSeconds(2), config.timeouts().connect());
        assertEquals(Duration.ofSeconds(5), config.timeouts().read());
        assertEquals(3, config.retry().maxAttempts());
        String secret = VippsSimulatorResource.simulator().credentials().clientSecret();
        String key = VippsSimulatorResource.simulator().credentials().subscriptionKey();
        for (String text : new String[] {config.toString(), config.clientSecret().toString(),
                clients.settings().toString()}) {
            assertFalse(text.contains(secret), text);
            assertFalse(text.contains(key), text);
        }
        assertTrue(config.system().version().length() <= 30);
    }

    @Test
    void theInjectedClientsTalkToVipps() {
        String reference = SimulatedVipps.newReference();
        checkout.createSession(Requests.session(reference), IdempotencyKey.of(reference + "-session"));
        VippsSimulatorResource.simulator().customer().approve(reference);
        assertEquals(reference, epayment.getPayment(reference).reference());
        assertTrue(webhooks.list().isEmpty());
        assertEquals(java.util.List.of(), VippsSimulatorResource.simulator().violations());
    }
}

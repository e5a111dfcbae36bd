package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.epayment.EPaymentApi;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Vipps REST interface built around the factory (without the headers filter) cannot send anything. */
@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class HeadersGuardTest {

    @Test
    void aClientBuiltWithoutTheFactoryIsRefused() {
        try (VippsSimulator sim = VippsSimulator.start()) {
            EPaymentApi bypass = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(sim.baseUrl()))
                    .build(EPaymentApi.class);

            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> bypass.getPayment("Bearer x", SimulatedVipps.newReference()));

            assertTrue(String.valueOf(e.getMessage()).contains("VippsRestClientFactory")
                    || String.valueOf(e.getCause()).contains("VippsRestClientFactory"), String.valueOf(e));
            assertEquals(0, sim.requests().size(), "nothing reached Vipps");
        }
    }
}

package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.VippsSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the Vipps simulator for the CDI-wired clients and points {@code vipps.*} at it. */
public class VippsSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static volatile VippsSimulator simulator;

    /** The simulator behind the CDI clients of the running test application. */
    static VippsSimulator simulator() {
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        simulator = VippsSimulator.start();
        Credentials c = simulator.credentials();
        return Map.of(
                "vipps.base-url", simulator.baseUrl(),
                "vipps.client-id", c.clientId(),
                "vipps.client-secret", c.clientSecret(),
                "vipps.subscription-key", c.subscriptionKey(),
                "vipps.merchant-serial-number", c.merchantSerialNumber(),
                "vipps.retry.base-delay", "10ms");
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}

package io.github.vcl.golive;

import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsSettings;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a go-live run talks to: the backend's HTTP API with the shop server's and a staff member's keys, and Vipps
 * MobilePay with the merchant's keys for the independent checks. {@code simulator} is there for the local run only
 * (its recorded requests are the evidence for the headers the backend sent, its deliveries for the callbacks).
 *
 * @param where    how the deployment is described in the report, e.g. "AWS stack vcl-test" or "local run"
 * @param region   the AWS region, when known
 */
record Target(URI api, Secret shopKey, Secret staffKey, VippsSettings vipps, String where, String region,
              Optional<VippsSimulator> simulator, AutoCloseable resources) implements AutoCloseable {

    Target withApi(URI value) {
        return new Target(value, shopKey, staffKey, vipps, where, region, simulator, () -> { });
    }

    Target withStaffKey(Secret value) {
        return new Target(api, shopKey, value, vipps, where, region, simulator, () -> { });
    }

    Target withVipps(VippsSettings value) {
        return new Target(api, shopKey, staffKey, value, where, region, simulator, () -> { });
    }

    boolean local() {
        return simulator.isPresent();
    }

    /** Every value the report must never contain. */
    List<String> secrets() {
        return List.of(shopKey.reveal(), staffKey.reveal(), vipps.clientId(), vipps.clientSecret().reveal(),
                vipps.subscriptionKey().reveal());
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("while stopping: " + e.getMessage(), e);
        }
    }
}

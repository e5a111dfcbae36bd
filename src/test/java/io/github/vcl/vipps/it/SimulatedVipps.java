package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.Credentials;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsSettings;
import io.github.vcl.vipps.http.Sleeper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds the production clients against a running simulator, with instant (recorded) retry waits. */
final class SimulatedVipps {

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    static VippsSettings settings(VippsSimulator sim) {
        Credentials c = sim.credentials();
        return VippsSettings.of(URI.create(sim.baseUrl()), c.clientId(), Secret.of(c.clientSecret()),
                Secret.of(c.subscriptionKey()), c.merchantSerialNumber());
    }

    VippsClients clients(VippsSettings settings) {
        Sleeper recording = sleeps::add;
        return VippsClients.create(settings, recording, Clock.systemUTC());
    }

    VippsClients clients(VippsSimulator sim) {
        return clients(settings(sim));
    }

    static String newReference() {
        return "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static List<RecordedRequest> requestsTo(VippsSimulator sim, String method, String path) {
        return sim.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }
}

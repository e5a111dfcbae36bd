package io.github.vcl.local.simulator;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The one sales unit's keys the simulator accepts (docs/vipps-rules.md#environments-and-keys). */
public record Credentials(String clientId, String clientSecret, String subscriptionKey, String merchantSerialNumber) {

    static Credentials random() {
        return new Credentials(UUID.randomUUID().toString(), UUID.randomUUID().toString().replace("-", ""),
                UUID.randomUUID().toString().replace("-", ""),
                String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000)));
    }
}

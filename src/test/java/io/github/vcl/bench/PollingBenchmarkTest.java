package io.github.vcl.bench;

import io.github.vcl.order.Reference;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

/** {@link OrderLifeBenchmark} without webhooks: approvals and portal changes are found by the reconciler's reads. */
@Tag("benchmark")
@QuarkusTest
@TestProfile(OrderLifeProfile.Polling.class)
class PollingBenchmarkTest extends OrderLifeBenchmark {
    static final String MODE = "polling only";

    @Override
    protected String mode() {
        return MODE;
    }

    @Override
    protected void awaitApprovals(List<Reference> references) {
        // The reconciler's first run reads them.
    }

    @Test
    void callsPerPaidAndCapturedOrder() {
        measureCallsPerOrder();
    }
}

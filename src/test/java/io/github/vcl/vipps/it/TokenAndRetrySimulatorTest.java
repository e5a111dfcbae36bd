package io.github.vcl.vipps.it;

import io.github.vcl.local.simulator.Operation;
import io.github.vcl.local.simulator.RecordedRequest;
import io.github.vcl.local.simulator.VippsSimulator;
import io.github.vcl.vipps.IdempotencyKey;
import io.github.vcl.vipps.Secret;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsClients;
import io.github.vcl.vipps.VippsSettings;
import io.github.vcl.vipps.epayment.model.PaymentEventName;
import io.github.vcl.vipps.model.Amount;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(VippsSimulatorProfile.class)
class TokenAndRetrySimulatorTest {

    private static final String TOKEN_PATH = "/accesstoken/get";

    private static VippsSimulator sim;
    private static VippsClients setup;

    @BeforeAll
    static void start() {
        sim = VippsSimulator.start();
        setup = new SimulatedVipps().clients(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    private static String authorizedPayment() {
        String reference = SimulatedVipps.newReference();
        setup.epayment().createPayment(Requests.payment(reference, 10000), IdempotencyKey.of(reference + "-c"));
        sim.customer().approve(reference);
        return reference;
    }

    private static int tokenRequests() {
        return SimulatedVipps.requestsTo(sim, "POST", TOKEN_PATH).size();
    }

    @Test
    void fiftyConcurrentCallersOnAColdCacheFetchExactlyOneToken() throws Exception {
        String reference = authorizedPayment();
        VippsClients cold = new SimulatedVipps().clients(sim);
        int before = tokenRequests();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return cold.epayment().getEventLog(reference);
                }));
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, tokenRequests() - before);
    }

    @Test
    void theTokenRequestIsAnEmptyPostWithClientCredentials() {
        new SimulatedVipps().clients(sim).webhooks().list();
        List<RecordedRequest> tokens = SimulatedVipps.requestsTo(sim, "POST", TOKEN_PATH);
        RecordedRequest token = tokens.get(tokens.size() - 1);
        assertEquals(0, token.body().length);
        assertEquals("0", token.header("Content-Length"));
        assertEquals(sim.credentials().clientId(), token.header("client_id"));
        assertEquals(sim.credentials().clientSecret(), token.header("client_secret"));
        assertEquals(sim.credentials().merchantSerialNumber(), token.header("Merchant-Serial-Number"));
    }

    @Test
    void aRejectedTokenIsDroppedAndFetchedAgainOnce() {
        String reference = authorizedPayment();
        VippsClients clients = new SimulatedVipps().clients(sim);
        clients.epayment().getPayment(reference); // warm cache
        int before = tokenRequests();
        sim.faults().on(Operation.GET_PAYMENT).forReference(reference).respond(401).times(1);

        assertEquals(reference, clients.epayment().getPayment(reference).reference());

        assertEquals(1, tokenRequests() - before);
    }

    @Test
    void aPersistent401IsReportedAfterOneRefetch() {
        String reference = authorizedPayment();
        VippsClients clients = new SimulatedVipps().clients(sim);
        sim.faults().on(Operation.GET_PAYMENT).forReference(reference).respond(401).times(5);

        VippsApiException e = assertThrows(VippsApiException.class, () -> clients.epayment().getPayment(reference));

        assertEquals(401, e.httpStatus());
        assertEquals(2, SimulatedVipps.requestsTo(sim, "GET", "/epayment/v1/payments/" + reference).size());
    }

    @Test
    void a500ThenSuccessCapturesOnceWithTheSameIdempotencyKey() {
        String reference = authorizedPayment();
        SimulatedVipps vipps = new SimulatedVipps();
        VippsClients clients = vipps.clients(sim);
        sim.faults().on(Operation.CAPTURE).forReference(reference).respond(500).times(1);

        clients.epayment().capture(reference, Amount.nok(2500), IdempotencyKey.of(reference + "-capture-1"));

        List<RecordedRequest> captures = SimulatedVipps.requestsTo(sim, "POST",
                "/epayment/v1/payments/" + reference + "/capture");
        assertEquals(2, captures.size());
        assertEquals(reference + "-capture-1", captures.get(0).header("Idempotency-Key"));
        assertEquals(reference + "-capture-1", captures.get(1).header("Idempotency-Key"));
        assertEquals(captures.get(0).bodyText(), captures.get(1).bodyText());
        assertEquals(1, vipps.sleeps.size());
        assertCapturedOnce(reference, 2500);
    }

    @Test
    void aTimedOutCaptureIsRetriedWithTheSameKeyAndHappensOnce() {
        String reference = authorizedPayment();
        VippsSettings shortTimeout = SimulatedVipps.settings(sim).withTimeouts(Duration.ofSeconds(2),
                Duration.ofMillis(500));
        VippsClients clients = new SimulatedVipps().clients(shortTimeout);
        // processed by "Vipps", but the answer arrives after our read timeout
        sim.faults().on(Operation.CAPTURE).forReference(reference).delay(Duration.ofMillis(1500)).times(1);

        clients.epayment().capture(reference, Amount.nok(2500), IdempotencyKey.of(reference + "-capture-1"));

        assertEquals(2, SimulatedVipps.requestsTo(sim, "POST",
                "/epayment/v1/payments/" + reference + "/capture").size());
        assertCapturedOnce(reference, 2500);
    }

    @Test
    void rateLimitedAndLockedAnswersAreRetriedHonouringRetryAfter() {
        String reference = authorizedPayment();
        SimulatedVipps vipps = new SimulatedVipps();
        VippsClients clients = vipps.clients(sim);
        sim.faults().on(Operation.GET_PAYMENT).forReference(reference).respond(429)
                .retryAfter(Duration.ofSeconds(1)).times(1);
        sim.faults().on(Operation.GET_PAYMENT).forReference(reference).respond(423).times(1);

        assertEquals(reference, clients.epayment().getPayment(reference).reference());

        assertEquals(Duration.ofSeconds(1), vipps.sleeps.get(0));
        assertEquals(2, vipps.sleeps.size());
    }

    @Test
    void givesUpAfterThreeAttemptsOn5xx() {
        String reference = authorizedPayment();
        VippsClients clients = new SimulatedVipps().clients(sim);
        sim.faults().on(Operation.CAPTURE).forReference(reference).respond(503).times(3);

        VippsApiException e = assertThrows(VippsApiException.class, () -> clients.epayment()
                .capture(reference, Amount.nok(100), IdempotencyKey.of(reference + "-capture-1")));

        assertEquals(503, e.httpStatus());
        assertEquals(3, e.attempts());
        assertTrue(e.isTransient());
        assertEquals(0, setup.epayment().getPayment(reference).aggregate().capturedAmount().value());
    }

    @Test
    void noAnswerAtAllIsANoResponseErrorAfterRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        VippsSettings good = SimulatedVipps.settings(sim);
        VippsSettings nowhere = VippsSettings.of(URI.create("http://127.0.0.1:" + closedPort), good.clientId(),
                good.clientSecret(), good.subscriptionKey(), good.merchantSerialNumber());
        SimulatedVipps vipps = new SimulatedVipps();

        VippsApiException e = assertThrows(VippsApiException.class,
                () -> vipps.clients(nowhere).checkout().getSession(SimulatedVipps.newReference()));

        assertTrue(e.isNoResponse(), e.getMessage());
        assertEquals(3, e.attempts());
        assertEquals(2, vipps.sleeps.size());
        assertTrue(!e.getMessage().contains(good.clientSecret().reveal()));
    }

    private static void assertCapturedOnce(String reference, long amount) {
        assertEquals(amount, setup.epayment().getPayment(reference).aggregate().capturedAmount().value());
        long captures = setup.epayment().getEventLog(reference).stream()
                .filter(e -> e.name() == PaymentEventName.CAPTURED).count();
        assertEquals(1, captures);
    }
}

package io.github.vcl.local.simulator;

import com.sun.net.httpserver.HttpServer;
import io.github.vcl.local.simulator.delivery.CallbackSender;
import io.github.vcl.local.simulator.delivery.Delivery;
import io.github.vcl.local.simulator.epayment.PaymentSnapshot;
import io.github.vcl.local.simulator.epayment.Portal;
import io.github.vcl.local.simulator.openapi.Violation;
import io.github.vcl.local.simulator.token.AccessTokens;
import io.github.vcl.local.simulator.webhooks.WebhookRegistration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful stand-in for the Vipps MobilePay APIs the backend uses (Access Token, Checkout v3, ePayment v1,
 * Order Management v2, Webhooks v1), served over real HTTP on a loopback port. Every request is checked against the
 * official OpenAPI files; anything that breaks the contract is answered with 400 and listed in {@link #violations()}.
 *
 * <pre>
 * try (VippsSimulator sim = VippsSimulator.start()) {
 *     // point the client at sim.baseUrl() with sim.credentials()
 *     sim.customer().approve(reference);
 *     assertEquals(List.of(), sim.violations());
 * }
 * </pre>
 */
public final class VippsSimulator implements AutoCloseable {

    private final Credentials credentials = Credentials.random();
    private final FaultPlan faults = new FaultPlan();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final CallbackSender callbackSender;
    private final CallbackSender webhookSender;
    private final SimulatorState state;
    private final SimulatedCustomer customer;
    private final Portal portal;
    private final HttpServer server;
    private final ExecutorService serverThreads;

    private VippsSimulator(SimulatorOptions options) {
        callbackSender = new CallbackSender(Delivery.Channel.CHECKOUT_CALLBACK, faults.callbacks(), options,
                deliveries::add);
        webhookSender = new CallbackSender(Delivery.Channel.WEBHOOK, faults.webhooks(), options, deliveries::add);
        state = new SimulatorState(credentials, options, callbackSender, webhookSender);
        customer = new SimulatedCustomer(state);
        portal = new Portal(state);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        serverThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vipps-simulator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(serverThreads);
        server.createContext("/", new RequestDispatcher(state,
                new AccessTokens(options.clock(), options.tokenLifetime()), faults, requests::add, violations::add));
        server.start();
        state.baseUrl("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static VippsSimulator start() {
        return start(SimulatorOptions.defaults());
    }

    public static VippsSimulator start(SimulatorOptions options) {
        return new VippsSimulator(options);
    }

    /** {@code http://127.0.0.1:<port>}; the Vipps base URL to configure in the client. */
    public String baseUrl() {
        return state.baseUrl();
    }

    public Credentials credentials() {
        return credentials;
    }

    public SimulatedCustomer customer() {
        return customer;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** The merchant portal: captures, refunds and cancels made outside the merchant's system. */
    public Portal portal() {
        return portal;
    }

    /**
     * Ends every fault: planned and chosen error answers, and planned callback and webhook faults; deliveries held
     * back for reordering go out now, late ones when due.
     */
    public void stopFaults() {
        faults.clear();
        callbackSender.stopFaults();
        webhookSender.stopFaults();
    }

    /** Every payment and its event log as they stand now, by reference: the ledger to compare a merchant with. */
    public Map<String, PaymentSnapshot> ledger() {
        return state.snapshot();
    }

    /** One payment of the ledger as it stands now; null when Vipps has none with that reference. */
    public PaymentSnapshot payment(String reference) {
        return state.snapshot(reference);
    }

    /** Lets time act now: payments nobody finished in time expire (otherwise that happens on the next request). */
    public void expireDue() {
        state.expireDue();
    }

    /**
     * Registers a webhook as {@code POST /webhooks/v1/webhooks} would, for tests whose subject only receives
     * webhooks; ePayment events of every payment are then delivered there, signed with the returned secret.
     */
    public WebhookRegistration registerWebhook(URI url, String... events) {
        return state.webhooks.register(url, List.of(events));
    }

    /** The ePayment state of a payment as the simulated Vipps knows it ({@code CREATED}, {@code AUTHORIZED}, …). */
    public String paymentState(String reference) {
        synchronized (state) {
            return state.payment(reference).state().name();
        }
    }

    /** The webhook registrations the simulated sales unit has, with their secrets. */
    public List<WebhookRegistration> webhookRegistrations() {
        return state.webhooks.all();
    }

    /** Every request received, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Every contract violation seen; a contract test expects this to be empty. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Every attempt to deliver a Checkout callback or webhook, oldest first. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public List<Delivery> deliveries(Delivery.Channel channel) {
        return deliveries.stream().filter(d -> d.channel() == channel).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        serverThreads.shutdownNow();
        callbackSender.close();
        webhookSender.close();
    }
}

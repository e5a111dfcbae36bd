package io.github.vcl.local.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.vcl.local.simulator.checkout.CheckoutApi;
import io.github.vcl.local.simulator.checkout.CheckoutFrontendPage;
import io.github.vcl.local.simulator.epayment.EPaymentApi;
import io.github.vcl.local.simulator.openapi.RequestValidator;
import io.github.vcl.local.simulator.openapi.Violation;
import io.github.vcl.local.simulator.ordermanagement.OrderManagementApi;
import io.github.vcl.local.simulator.token.AccessTokens;
import io.github.vcl.local.simulator.webhooks.WebhooksApi;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The path every request takes: record, validate against the contract, planned faults, authentication, rate limit,
 * idempotency, then the API itself.
 */
final class RequestDispatcher implements HttpHandler {

    private final SimulatorState state;
    private final RequestValidator validator;
    private final AccessTokens tokens;
    private final RateLimiter rateLimiter;
    private final IdempotencyLedger ledger = new IdempotencyLedger();
    private final FaultPlan faults;
    private final Consumer<RecordedRequest> requestLog;
    private final Consumer<Violation> violationLog;
    private final CheckoutApi checkout;
    private final EPaymentApi epayment;
    private final OrderManagementApi orderManagement;
    private final WebhooksApi webhooks;
    private final CheckoutFrontendPage frontend;

    RequestDispatcher(SimulatorState state, AccessTokens tokens, FaultPlan faults,
            Consumer<RecordedRequest> requestLog, Consumer<Violation> violationLog) {
        this.state = state;
        this.validator = new RequestValidator(state.credentials);
        this.tokens = tokens;
        this.rateLimiter = new RateLimiter(state.clock);
        this.faults = faults;
        this.requestLog = requestLog;
        this.violationLog = violationLog;
        this.checkout = new CheckoutApi(state);
        this.epayment = new EPaymentApi(state);
        this.orderManagement = new OrderManagementApi(state);
        this.webhooks = new WebhooksApi(state);
        this.frontend = new CheckoutFrontendPage(state);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = RecordedRequest.read(exchange, state.clock.instant());
            requestLog.accept(request);
            state.expireDue();
            Optional<Operation.Match> match = Operation.match(request.method(), request.path());
            SimulatedResponse response;
            try {
                response = match.isEmpty()
                        ? Problems.plain(404, "No such endpoint in the simulator", request.path())
                        : handle(match.get(), request);
            } catch (RuntimeException e) {
                // a bug in the simulator, not a Vipps answer; say so instead of dropping the connection
                response = Problems.plain(500, "Simulator failure: " + e, request.path());
            }
            write(exchange, response);
        }
    }

    private SimulatedResponse handle(Operation.Match match, RecordedRequest request) {
        Operation operation = match.operation();
        if (operation.api == VippsApi.FRONTEND) {
            synchronized (state) {
                return frontend.handle(match);
            }
        }
        List<String> violations = validator.violations(operation.api, request);
        if (!violations.isEmpty()) {
            violations.forEach(v -> violationLog.accept(new Violation(request.method(), request.path(), v)));
            return Problems.validation(operation.api, violations, request.path());
        }
        String reference = reference(match, request);
        Optional<FaultPlan.Rule> fault = faults.take(operation, reference, request);
        SimulatedResponse response;
        if (fault.isPresent() && fault.get().status() != 0) {
            response = injected(fault.get(), request.path());
        } else if (authenticated(operation.api, request)) {
            response = rateLimited(operation, reference).orElseGet(() -> idempotent(match, request));
        } else {
            response = unauthorized(operation.api, request.path());
        }
        fault.ifPresent(f -> {
            f.applied(request);
            pause(f.delayValue());
        });
        return response;
    }

    private SimulatedResponse idempotent(Operation.Match match, RecordedRequest request) {
        String key = request.header("Idempotency-Key");
        if (!match.operation().modifiesWithIdempotencyKey() || key == null) {
            return process(match, request);
        }
        String scope = request.method() + " " + request.path();
        synchronized (state) {
            return replayOrProcess(match, request, key, scope);
        }
    }

    /** Under the state monitor, so two concurrent retries with one key cannot both be processed. */
    private SimulatedResponse replayOrProcess(Operation.Match match, RecordedRequest request, String key,
            String scope) {
        IdempotencyLedger.Outcome outcome = ledger.look(key, scope, request.body());
        if (outcome instanceof IdempotencyLedger.Outcome.Replay replay) {
            return replay.original();
        }
        if (outcome instanceof IdempotencyLedger.Outcome.Conflict) {
            String code = switch (match.operation()) {
                case CAPTURE -> "4010";
                case REFUND -> "4150";
                default -> "4020";
            };
            return Problems.paymentError(409, code, "Idempotency-Key reused for a different request",
                    request.path());
        }
        SimulatedResponse response = process(match, request);
        ledger.remember(key, scope, request.body(), response);
        return response;
    }

    private SimulatedResponse process(Operation.Match match, RecordedRequest request) {
        synchronized (state) {
            return switch (match.operation().api) {
                case ACCESS_TOKEN -> SimulatedResponse.json(200, tokens.issue());
                case CHECKOUT -> checkout.handle(match, request);
                case EPAYMENT -> epayment.handle(match, request);
                case ORDER_MANAGEMENT -> orderManagement.handle(match, request);
                case WEBHOOKS -> webhooks.handle(match, request);
                case FRONTEND -> throw new IllegalStateException("Frontend requests are handled before");
            };
        }
    }

    private boolean authenticated(VippsApi api, RecordedRequest request) {
        return switch (api.auth) {
            case CLIENT_CREDENTIALS -> state.credentials.clientId().equals(request.header("client_id"))
                    && state.credentials.clientSecret().equals(request.header("client_secret"));
            case BEARER -> tokens.accepts(request.header("Authorization"));
            case NONE -> true;
        };
    }

    private static SimulatedResponse unauthorized(VippsApi api, String instance) {
        return switch (api) {
            case CHECKOUT -> Problems.checkout(401, "Unauthorized", "Unauthorized", "Invalid credentials", instance);
            case ACCESS_TOKEN -> SimulatedResponse.json(401, Json.object().put("error", "unauthorized_client")
                    .put("error_description", "Invalid client_id or client_secret"));
            default -> Problems.gateway(401, "Access denied due to invalid or expired token.");
        };
    }

    private Optional<SimulatedResponse> rateLimited(Operation operation, String reference) {
        int limit = switch (operation.kind) {
            case MODIFICATION -> state.options.modificationsPerMinute();
            case READ -> state.options.readsPerMinute();
            case OTHER -> 0;
        };
        if (limit == 0) {
            return Optional.empty();
        }
        return rateLimiter.tryAcquire(operation.kind + ":" + reference, limit).map(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Problems.gateway(429, "Rate limit is exceeded. Try again in " + seconds + " seconds.")
                    .withHeader("Retry-After", String.valueOf(seconds));
        });
    }

    private static SimulatedResponse injected(FaultPlan.Rule fault, String instance) {
        SimulatedResponse response = fault.status() == 429
                ? Problems.gateway(429, "Rate limit is exceeded.")
                : Problems.plain(fault.status(), "Simulated failure", instance);
        return fault.retryAfterValue()
                .map(d -> response.withHeader("Retry-After", String.valueOf(d.toSeconds())))
                .orElse(response);
    }

    /**
     * The path reference, or for ePayment create and Checkout session create the body's; faults and rate limits are
     * keyed on it.
     */
    private static String reference(Operation.Match match, RecordedRequest request) {
        String fromPath = match.pathParameter("reference");
        if (fromPath != null) {
            return fromPath;
        }
        return switch (match.operation()) {
            case CREATE_PAYMENT -> Json.parse(request.body()).map(b -> b.path("reference").asText()).orElse(null);
            case CREATE_SESSION -> Json.parse(request.body())
                    .map(b -> b.path("transaction").path("reference").asText()).orElse(null);
            default -> null;
        };
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpExchange exchange, SimulatedResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}

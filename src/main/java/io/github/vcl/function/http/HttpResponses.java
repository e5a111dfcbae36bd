package io.github.vcl.function.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.observe.LogContext;
import io.github.vcl.refusal.AmountNotPossible;
import io.github.vcl.refusal.BodyTooLarge;
import io.github.vcl.refusal.FieldError;
import io.github.vcl.refusal.IdempotencyKeyReused;
import io.github.vcl.refusal.InvalidInput;
import io.github.vcl.refusal.NotAllowed;
import io.github.vcl.refusal.NotAuthenticated;
import io.github.vcl.refusal.NotFound;
import io.github.vcl.refusal.NotPossibleNow;
import io.github.vcl.refusal.Refusal;
import io.github.vcl.refusal.RequestInProgress;
import io.github.vcl.refusal.VippsRefused;
import io.github.vcl.refusal.VippsTrace;
import io.github.vcl.refusal.VippsUnavailable;
import io.github.vcl.vipps.http.CallDeadline;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place HTTP answers are made, and the frame of every HTTP invocation: JSON bodies, and RFC 9457 problems for
 * every refusal — the only place that knows which status code each kind of {@link Refusal} is. An unexpected error is logged with the request id and
 * answered as a 500 problem that reveals nothing internal and does not claim that nothing changed (it may have
 * happened after Vipps acted).
 * <p>
 * {@code @Singleton}, not {@code @ApplicationScoped}: a normal-scoped bean without a no-args constructor is rewritten
 * by ArC, and the JVM-mode function.zip then held this class twice (original and rewritten), leaving it to the unzip
 * which one Lambda runs (PackagedFunctionIT checks the zip has no duplicate entries).
 */
@Singleton
public class HttpResponses {
    private static final Logger LOG = Logger.getLogger(HttpResponses.class);
    static final String UNEXPECTED = "Something went wrong on our side, and the request may not have been carried "
            + "out completely. Look the order up before you try again; a retry with the same Idempotency-Key is "
            + "always safe.";

    /** Time kept after the last Vipps call for the DynamoDB write that records its answer, and the answer itself. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(3);

    private final ObjectMapper json;
    private final Duration callBudget;

    public HttpResponses(ObjectMapper json,
                         @ConfigProperty(name = "vcl.function-timeout", defaultValue = "25s") Duration functionTimeout) {
        this.json = json;
        this.callBudget = functionTimeout.minus(ANSWER_MARGIN);
        // Jackson builds a type's serializer on its first write: build the problem's now, while the function starts
        // (FunctionWarmUp), rather than in the first refused request.
        write(Problem.of(400, "warm-up", "warm-up").withErrors(List.of(new Problem.FieldError("field", "message")))
                .withInstance("/").withVipps("trace", "code"));
    }

    public HttpApiResponse json(int status, Object body) {
        return HttpApiResponse.of(status, "application/json", write(body));
    }

    public HttpApiResponse problem(HttpApiEvent event, Refusal refusal) {
        Answer answer = answer(refusal);
        Problem problem = Problem.of(answer.status(), answer.title(), refusal.detail())
                .withInstance(event.rawPath())
                .withErrors(answer.errors().stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList())
                .withVipps(answer.trace().traceId(), answer.trace().errorCode());
        HttpApiResponse response = HttpApiResponse.of(answer.status(), Problem.CONTENT_TYPE, write(problem));
        if (answer.retryAfter() == null) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("retry-after", Long.toString(Math.max(1, answer.retryAfter().toSeconds())));
        return new HttpApiResponse(response.statusCode(), Map.copyOf(headers), response.body(), false);
    }

    /**
     * Runs a handler within the function's time ({@link CallDeadline}: no Vipps call is started that would end after
     * it, so a slow Vipps gives a 503 problem with Retry-After, not the platform's bare error); a refusal becomes its
     * problem answer, anything else a 500 problem. Every log line on the way carries API Gateway's request id
     * ({@link LogContext#invocation}).
     */
    public HttpApiResponse handle(HttpApiEvent event, Supplier<HttpApiResponse> handler) {
        return LogContext.invocation(event.requestId(),
                () -> CallDeadline.runWithin(callBudget, () -> answer(event, handler)));
    }

    private HttpApiResponse answer(HttpApiEvent event, Supplier<HttpApiResponse> handler) {
        try {
            return handler.get();
        } catch (Refusal refusal) {
            return problem(event, refusal);
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "unexpected failure of %s %s (request %s)", event.method(), event.rawPath(),
                    event.requestId());
            Problem problem = Problem.of(500, "Internal error", UNEXPECTED).withInstance(event.rawPath());
            return HttpApiResponse.of(500, Problem.CONTENT_TYPE, write(problem));
        }
    }

    private record Answer(int status, String title, List<FieldError> errors, VippsTrace trace, Duration retryAfter) {
        Answer(int status, String title) {
            this(status, title, List.of(), VippsTrace.NONE, null);
        }
    }

    private static Answer answer(Refusal refusal) {
        if (refusal instanceof InvalidInput invalid) {
            return new Answer(400, "Invalid request", invalid.fieldErrors(), VippsTrace.NONE, null);
        }
        if (refusal instanceof NotAuthenticated) {
            return new Answer(401, "Not authenticated");
        }
        if (refusal instanceof NotAllowed) {
            return new Answer(403, "Not allowed");
        }
        if (refusal instanceof NotFound) {
            return new Answer(404, "Not found");
        }
        if (refusal instanceof NotPossibleNow) {
            return new Answer(409, "Not possible now");
        }
        if (refusal instanceof BodyTooLarge) {
            return new Answer(413, "Request too large");
        }
        if (refusal instanceof AmountNotPossible) {
            return new Answer(422, "Amount not possible", List.of(new FieldError("amount", refusal.detail())),
                    VippsTrace.NONE, null);
        }
        if (refusal instanceof IdempotencyKeyReused) {
            return new Answer(422, "Idempotency-Key reused");
        }
        if (refusal instanceof RequestInProgress inProgress) {
            return new Answer(409, "Request in progress", List.of(), VippsTrace.NONE, inProgress.retryAfter());
        }
        if (refusal instanceof VippsRefused refused) {
            return refused.aboutThePayment()
                    ? new Answer(409, "Refused by Vipps MobilePay", List.of(), refused.trace(), null)
                    : new Answer(502, "Vipps MobilePay error", List.of(), refused.trace(), null);
        }
        VippsUnavailable unavailable = (VippsUnavailable) refusal;
        return new Answer(503, "Vipps MobilePay unavailable", List.of(), unavailable.trace(),
                unavailable.retryAfter());
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }
}

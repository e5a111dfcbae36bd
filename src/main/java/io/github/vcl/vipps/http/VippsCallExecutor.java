package io.github.vcl.vipps.http;

import io.github.vcl.observe.LogContext;
import io.github.vcl.observe.Metrics;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsOperation;
import jakarta.ws.rs.ProcessingException;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one Vipps call: repeats it per {@link RetryPolicy} (the supplier sends the identical request, including the
 * same Idempotency-Key, every time), logs and measures each attempt ({@link VippsCallMetrics}), and turns a final
 * failure into a {@link VippsApiException}. Logs carry operation, reference, status, Vipps error code and traceId
 * (which stays on the invocation's later lines, {@link LogContext#traceId}); never headers or bodies.
 */
public final class VippsCallExecutor {

    private static final Logger LOG = Logger.getLogger(VippsCallExecutor.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration longestAttempt;
    private final VippsCallMetrics metrics;

    /** @param longestAttempt how long one attempt may take at most (connect plus read timeout) */
    public VippsCallExecutor(RetryPolicy policy, Sleeper sleeper, Clock clock, Duration longestAttempt,
                             Metrics metrics) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.longestAttempt = longestAttempt;
        this.metrics = new VippsCallMetrics(metrics);
    }

    /**
     * @param reference    payment reference / order id for logs and errors (may be null)
     * @param call         sends the request once and reads the answer
     * @param alsoAccepted non-2xx statuses the caller handles itself (e.g. 404 for "session expired")
     * @return a 2xx answer or one with a status in {@code alsoAccepted}
     */
    public RawResponse execute(VippsOperation operation, String reference, Supplier<RawResponse> call,
            int... alsoAccepted) {
        for (int attempt = 1; ; attempt++) {
            if (!fits(Duration.ZERO)) {
                throw VippsErrorParser.outOfTime(operation, reference, attempt - 1);
            }
            long started = System.nanoTime();
            RawResponse response;
            try {
                response = call.get();
            } catch (ProcessingException | UncheckedIOException e) {
                long ms = elapsedMs(started);
                metrics.unanswered(operation, ms);
                Optional<Duration> wait = policy.delayBeforeNextAttempt(attempt, RetryPolicy.NO_RESPONSE,
                        Optional.empty());
                VippsCallLog.fields().put(VippsCallLog.OPERATION, operation).put(VippsCallLog.REFERENCE, reference)
                        .put(VippsCallLog.OUTCOME, "no-response:" + e.getClass().getSimpleName())
                        .put(VippsCallLog.ATTEMPT, attempt).put(VippsCallLog.DURATION_MS, ms)
                        .put(VippsCallLog.WILL_RETRY, wait.isPresent())
                        .log(LOG, Logger.Level.WARN, "vipps.call");
                if (wait.isEmpty()) {
                    throw VippsErrorParser.noResponse(operation, reference, attempt, e);
                }
                sleepOrGiveUp(wait.get(), () -> VippsErrorParser.noResponse(operation, reference, 0, e));
                continue;
            }
            long ms = elapsedMs(started);
            metrics.answered(operation, response.status(), ms);
            if (response.isSuccess() || contains(alsoAccepted, response.status())) {
                VippsCallLog.fields().put(VippsCallLog.OPERATION, operation).put(VippsCallLog.REFERENCE, reference)
                        .put(VippsCallLog.STATUS, response.status()).put(VippsCallLog.ATTEMPT, attempt)
                        .put(VippsCallLog.DURATION_MS, ms)
                        .log(LOG, Logger.Level.DEBUG, "vipps.call");
                return response;
            }
            Optional<Duration> retryAfter = response.header("Retry-After")
                    .flatMap(v -> RetryPolicy.parseRetryAfter(v, clock.instant()));
            Optional<Duration> wait = policy.delayBeforeNextAttempt(attempt, response.status(), retryAfter);
            VippsApiException error = VippsErrorParser.toException(operation, reference, response,
                    retryAfter.orElse(null), attempt);
            error.traceId().ifPresent(LogContext::traceId);
            VippsCallLog.fields().put(VippsCallLog.OPERATION, operation).put(VippsCallLog.REFERENCE, reference)
                    .put(VippsCallLog.STATUS, response.status())
                    .put(VippsCallLog.ERROR_CODE, error.errorCode().orElse(null))
                    .put(VippsCallLog.TRACE_ID, error.traceId().orElse(null))
                    .put(VippsCallLog.ATTEMPT, attempt).put(VippsCallLog.DURATION_MS, ms)
                    .put(VippsCallLog.WILL_RETRY, wait.isPresent())
                    .log(LOG, Logger.Level.WARN, "vipps.call");
            if (wait.isEmpty()) {
                throw error;
            }
            sleepOrGiveUp(wait.get(), () -> error);
        }
    }

    /** True when {@code wait} and then one whole attempt end before the invocation's {@link CallDeadline}. */
    private boolean fits(Duration wait) {
        return CallDeadline.remaining().map(left -> wait.plus(longestAttempt).compareTo(left) <= 0).orElse(true);
    }

    private void sleepOrGiveUp(Duration wait, Supplier<VippsApiException> error) {
        if (!fits(wait)) {
            throw error.get();
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error.get();
        }
    }

    private static boolean contains(int[] statuses, int status) {
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}

package io.github.vcl.vipps.http;

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
 * same Idempotency-Key, every time), logs each attempt, and turns a final failure into a {@link VippsApiException}.
 * Logs carry operation, reference, status, Vipps error code and traceId; never headers or bodies.
 */
public final class VippsCallExecutor {

    private static final Logger LOG = Logger.getLogger(VippsCallExecutor.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    public VippsCallExecutor(RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
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
            long started = System.nanoTime();
            RawResponse response;
            try {
                response = call.get();
            } catch (ProcessingException | UncheckedIOException e) {
                long ms = elapsedMs(started);
                Optional<Duration> wait = policy.delayBeforeNextAttempt(attempt, RetryPolicy.NO_RESPONSE,
                        Optional.empty());
                LOG.warnf("vipps.call operation=%s reference=%s outcome=no-response attempt=%d durationMs=%d "
                        + "willRetry=%s error=%s", operation, reference, attempt, ms, wait.isPresent(),
                        e.getClass().getSimpleName());
                if (wait.isEmpty()) {
                    throw VippsErrorParser.noResponse(operation, reference, attempt, e);
                }
                sleepOrGiveUp(wait.get(), () -> VippsErrorParser.noResponse(operation, reference, 0, e));
                continue;
            }
            long ms = elapsedMs(started);
            if (response.isSuccess() || contains(alsoAccepted, response.status())) {
                LOG.debugf("vipps.call operation=%s reference=%s status=%d attempt=%d durationMs=%d",
                        operation, reference, response.status(), attempt, ms);
                return response;
            }
            Optional<Duration> retryAfter = response.header("Retry-After")
                    .flatMap(v -> RetryPolicy.parseRetryAfter(v, clock.instant()));
            Optional<Duration> wait = policy.delayBeforeNextAttempt(attempt, response.status(), retryAfter);
            VippsApiException error = VippsErrorParser.toException(operation, reference, response,
                    retryAfter.orElse(null), attempt);
            LOG.warnf("vipps.call operation=%s reference=%s status=%d errorCode=%s traceId=%s attempt=%d "
                    + "durationMs=%d willRetry=%s", operation, reference, response.status(),
                    error.errorCode().orElse(null), error.traceId().orElse(null), attempt, ms, wait.isPresent());
            if (wait.isEmpty()) {
                throw error;
            }
            sleepOrGiveUp(wait.get(), () -> error);
        }
    }

    private void sleepOrGiveUp(Duration wait, Supplier<VippsApiException> error) {
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

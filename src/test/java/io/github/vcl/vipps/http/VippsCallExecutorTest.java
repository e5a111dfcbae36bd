package io.github.vcl.vipps.http;

import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsOperation;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VippsCallExecutorTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final VippsCallExecutor executor = new VippsCallExecutor(
            new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), sleeps::add,
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(7));

    /** Answers from a script; a RuntimeException in the script is thrown instead. */
    private static final class Script implements Supplier<RawResponse> {
        private final Deque<Object> answers;
        int calls;

        Script(Object... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public RawResponse get() {
            calls++;
            Object next = answers.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (RawResponse) next;
        }
    }

    @Test
    void retries5xxThenSucceeds() {
        Script script = new Script(RawResponse.of(500, ""), RawResponse.of(200, "{}"));
        RawResponse r = executor.execute(VippsOperation.EPAYMENT_CAPTURE, "order-12345678", script);
        assertEquals(200, r.status());
        assertEquals(2, script.calls);
        assertEquals(1, sleeps.size());
    }

    /** A call that would end after the invocation's deadline is not sent: the function can still answer in time. */
    @Test
    void sendsNoAttemptThatCannotEndBeforeTheDeadline() {
        Script script = new Script(RawResponse.of(200, "{}"));
        VippsApiException e = assertThrows(VippsApiException.class, () -> CallDeadline.runWithin(
                Duration.ofSeconds(6), () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script)));
        assertEquals(0, script.calls);
        assertEquals(VippsApiException.NO_RESPONSE, e.httpStatus());
        assertTrue(e.isTransient());
        assertTrue(e.staffMessage().contains("deadline"), e.staffMessage());
    }

    @Test
    void retriesOnlyWhileTheWaitAndTheNextAttemptFitBeforeTheDeadline() {
        Script script = new Script(RawResponse.of(503, "{\"traceId\":\"t-7\"}"), RawResponse.of(200, "{}"));
        VippsApiException e = assertThrows(VippsApiException.class, () -> CallDeadline.runWithin(
                Duration.ofMillis(7100), () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script)));
        assertEquals(1, script.calls, "the 150 ms wait and another 7 s attempt do not fit in 7.1 s");
        assertEquals(503, e.httpStatus());
        assertEquals("t-7", e.traceId().orElseThrow());

        Script roomy = new Script(RawResponse.of(503, ""), RawResponse.of(200, "{}"));
        assertEquals(200, CallDeadline.runWithin(Duration.ofSeconds(20),
                () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", roomy)).status());
        assertEquals(2, roomy.calls);
    }

    @Test
    void retriesNetworkErrors() {
        Script script = new Script(new ProcessingException("connection refused"), RawResponse.of(200, "{}"));
        assertEquals(200, executor.execute(VippsOperation.EPAYMENT_GET_PAYMENT, "r", script).status());
        assertEquals(2, script.calls);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        Script script = new Script(RawResponse.of(503, ""), RawResponse.of(502, ""), RawResponse.of(500,
                "{\"traceId\":\"t-1\"}"));
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script));
        assertEquals(500, e.httpStatus());
        assertEquals(3, e.attempts());
        assertEquals("t-1", e.traceId().orElseThrow());
        assertEquals(3, script.calls);
        assertEquals(2, sleeps.size());
    }

    @Test
    void givesUpOnNetworkErrorsAfterMaxAttempts() {
        Script script = new Script(new ProcessingException("a"), new ProcessingException("b"),
                new ProcessingException("c"));
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script));
        assertEquals(VippsApiException.NO_RESPONSE, e.httpStatus());
        assertEquals(3, script.calls);
    }

    @Test
    void neverRetriesOtherClientErrors() {
        Script script = new Script(RawResponse.of(400,
                "{\"extraDetails\":[{\"name\":\"ErrorCode\",\"reason\":\"6090\"}]}"));
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script));
        assertEquals("6090", e.errorCode().orElseThrow());
        assertEquals(1, script.calls);
        assertEquals(List.of(), sleeps);
    }

    @Test
    void waitsRetryAfterOn429() {
        Script script = new Script(RawResponse.of(429, "", Map.of("Retry-After", List.of("1"))),
                RawResponse.of(200, "{}"));
        executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script);
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
    }

    @Test
    void doesNotWaitForAVeryLongRetryAfter() {
        Script script = new Script(RawResponse.of(429, "", Map.of("Retry-After", List.of("120"))));
        VippsApiException e = assertThrows(VippsApiException.class,
                () -> executor.execute(VippsOperation.EPAYMENT_CAPTURE, "r", script));
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        assertEquals(1, script.calls);
    }

    @Test
    void logFieldsDoNotClobberTheCallersMdc() {
        org.jboss.logging.MDC.put("reference", "outer-reference");
        try {
            Script script = new Script(RawResponse.of(500, ""), RawResponse.of(200, "{}"));
            executor.execute(VippsOperation.EPAYMENT_CAPTURE, "inner-reference", script);
            assertEquals("outer-reference", org.jboss.logging.MDC.get("reference"));
            assertEquals(null, org.jboss.logging.MDC.get("vippsStatus"));
        } finally {
            org.jboss.logging.MDC.remove("reference");
        }
    }

    @Test
    void returnsStatusesTheCallerHandles() {
        Script script = new Script(RawResponse.of(404, "{\"errorCode\":\"Session-00100\"}"));
        assertEquals(404, executor.execute(VippsOperation.CHECKOUT_GET_SESSION, "r", script, 404).status());
    }
}

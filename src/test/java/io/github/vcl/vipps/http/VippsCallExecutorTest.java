package io.github.vcl.vipps.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vcl.observe.LogContext;
import io.github.vcl.observe.Metrics;
import io.github.vcl.vipps.VippsApiException;
import io.github.vcl.vipps.VippsOperation;
import jakarta.ws.rs.ProcessingException;
import org.jboss.logging.MDC;
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

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> metricLines = new ArrayList<>();
    private final VippsCallExecutor executor = new VippsCallExecutor(
            new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(2), () -> 0.5), sleeps::add,
            CLOCK, Duration.ofSeconds(7), new Metrics("vcl/test", "operations", CLOCK, metricLines::add));

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

    /**
     * One embedded-metric-format line per attempt: calls, errors and latency in total and per API, answers per API and
     * status ({@code none} without one), each with the invocation's fields; an error's traceId stays on the
     * invocation's later lines.
     */
    @Test
    void measuresEveryAttemptAndKeepsTheTraceIdOfAnError() throws Exception {
        Script script = new Script(new ProcessingException("connection reset"),
                RawResponse.of(503, "{\"traceId\":\"t-9\"}"), RawResponse.of(200, "{}"), RawResponse.of(404, "{}"));
        LogContext.invocation("api-request-1", () -> {
            executor.execute(VippsOperation.EPAYMENT_GET_PAYMENT, "r", script);
            assertEquals("t-9", MDC.get(LogContext.TRACE_ID), "later lines of the invocation carry Vipps' traceId");
            return executor.execute(VippsOperation.CHECKOUT_GET_SESSION, "r", script, 404);
        });
        assertEquals(null, MDC.get(LogContext.TRACE_ID), "cleared with the invocation");
        assertEquals(null, MDC.get(LogContext.API_REQUEST_ID));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : metricLines) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(List.of("none", "503", "200", "404"), lines.stream().map(l -> l.path("Status").asText())
                .toList());
        assertEquals(List.of(1, 1, 0, 0), lines.stream().map(l -> l.path("VippsErrors").asInt()).toList());
        assertEquals(List.of("epayment", "epayment", "epayment", "checkout"), lines.stream()
                .map(l -> l.path("Api").asText()).toList());
        JsonNode first = lines.get(0);
        assertEquals(CLOCK.millis(), first.at("/_aws/Timestamp").asLong());
        assertEquals("operations", first.path(Metrics.FUNCTION).asText());
        assertEquals("{\"apiRequestId\":\"api-request-1\"}", first.path(Metrics.CONTEXT).toString(),
                "the invocation's fields, as on its log lines");
        assertEquals("t-9", lines.get(2).at("/mdc/" + LogContext.TRACE_ID).asText());
        assertEquals(1, first.path("VippsCalls").asInt());
        assertTrue(first.has("VippsLatency"));
        JsonNode directives = first.at("/_aws/CloudWatchMetrics");
        assertEquals(2, directives.size());
        assertEquals("vcl/test", directives.get(0).path("Namespace").asText());
        assertEquals("[[],[\"Api\"]]", directives.get(0).path("Dimensions").toString());
        assertEquals("[{\"Name\":\"VippsCalls\",\"Unit\":\"Count\"},{\"Name\":\"VippsErrors\",\"Unit\":\"Count\"},"
                        + "{\"Name\":\"VippsLatency\",\"Unit\":\"Milliseconds\"}]",
                directives.get(0).path("Metrics").toString());
        assertEquals("[[\"Api\",\"Status\"]]", directives.get(1).path("Dimensions").toString());
        assertEquals("[{\"Name\":\"VippsResponses\",\"Unit\":\"Count\"}]",
                directives.get(1).path("Metrics").toString());
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

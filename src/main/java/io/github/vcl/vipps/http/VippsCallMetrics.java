package io.github.vcl.vipps.http;

import io.github.vcl.observe.Metric;
import io.github.vcl.observe.Metrics;
import io.github.vcl.vipps.VippsOperation;

import java.util.EnumMap;
import java.util.Map;

/**
 * The metrics of Vipps calls, one line per attempt: calls, errors and latency per API and in total, and the answers
 * by API and HTTP status. An error is an attempt Vipps did not serve — no answer, a 5xx, 429 (rate limited), 401 or
 * 403 (its keys refused); a refusal about the payment (a 4xx with an error code) is an answer like any other.
 */
final class VippsCallMetrics {
    static final String NO_ANSWER = "none";

    private final Metrics metrics;

    VippsCallMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    void answered(VippsOperation operation, int status, long millis) {
        record(operation, Integer.toString(status), isError(status), millis);
    }

    void unanswered(VippsOperation operation, long millis) {
        record(operation, NO_ANSWER, true, millis);
    }

    static boolean isError(int status) {
        return status >= 500 || status == 429 || status == 401 || status == 403;
    }

    private void record(VippsOperation operation, String status, boolean error, long millis) {
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        values.put(Metric.VIPPS_CALLS, 1L);
        values.put(Metric.VIPPS_ERRORS, error ? 1L : 0L);
        values.put(Metric.VIPPS_LATENCY, millis);
        values.put(Metric.VIPPS_RESPONSES, 1L);
        metrics.emit(Map.of(Metric.API, operation.api(), Metric.STATUS, status), values);
    }
}

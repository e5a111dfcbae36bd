package io.github.vcl.vipps.http;

import io.github.vcl.observe.LogContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The log lines of Vipps calls: the fields go both into the message ({@code key=value}, readable in plain logs)
 * and into the MDC (separate fields in the JSON logs). Field names are defined here, or in {@link LogContext} where
 * every line of an invocation shares them (reference, traceId). Callers must pass no
 * secrets, tokens, bodies or personal data: only operation, reference, status, error code, traceId and timings.
 */
final class VippsCallLog {

    static final String OPERATION = "vippsOperation";
    static final String REFERENCE = LogContext.REFERENCE;
    static final String STATUS = "vippsStatus";
    static final String ERROR_CODE = "vippsErrorCode";
    static final String TRACE_ID = LogContext.TRACE_ID;
    static final String ATTEMPT = "vippsAttempt";
    static final String DURATION_MS = "vippsDurationMs";
    static final String WILL_RETRY = "vippsWillRetry";
    static final String OUTCOME = "vippsOutcome";

    private VippsCallLog() {
    }

    static Fields fields() {
        return new Fields();
    }

    static final class Fields {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Fields put(String name, Object value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        void log(Logger log, Logger.Level level, String event) {
            if (!log.isEnabled(level)) {
                return;
            }
            Map<String, Object> previous = new HashMap<>();
            values.forEach((name, value) -> {
                previous.put(name, MDC.get(name));
                MDC.put(name, String.valueOf(value));
            });
            try {
                log.logf(level, "%s %s", event, values.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
            } finally {
                previous.forEach((name, value) -> {
                    if (value == null) {
                        MDC.remove(name);
                    } else {
                        MDC.put(name, value);
                    }
                });
            }
        }
    }
}

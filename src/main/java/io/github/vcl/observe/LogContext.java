package io.github.vcl.observe;

import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Whose a log line is: the fields every line written during an invocation carries besides its message (in the JSON
 * logs, members of {@code mdc}; the function's name is a field of every line, {@code function}, set in
 * application.properties). The Lambda request id is put there by Quarkus' Lambda poll loop (native runtime) or by
 * {@code function.LambdaHandler} (Java runtime); the rest by the invocation's frame ({@link #invocation}), by whoever
 * learns the order reference ({@link #reference}) and by the Vipps client on an error with Vipps' traceId
 * ({@link #traceId}). Only identifiers go here: never a secret, token or personal data.
 */
public final class LogContext {
    /** The Lambda request id, under the name Quarkus' poll loop gives it. */
    public static final String LAMBDA_REQUEST_ID = "AWSRequestId";
    /** API Gateway's id of the HTTP request ({@code requestContext.requestId}). */
    public static final String API_REQUEST_ID = "apiRequestId";
    /** The order reference the invocation (or the reconciler's worker) is about. */
    public static final String REFERENCE = "reference";
    /** Vipps' {@code traceId} from an error answer, for a support case with Vipps. */
    public static final String TRACE_ID = "traceId";

    /** The fields the invocation's frame owns and clears; the Lambda request id belongs to the runtime's loop. */
    private static final List<String> OWN = List.of(API_REQUEST_ID, REFERENCE, TRACE_ID);
    private static final List<String> ALL = List.of(LAMBDA_REQUEST_ID, API_REQUEST_ID, REFERENCE, TRACE_ID);

    private LogContext() {
    }

    /**
     * Runs one invocation's work with the API Gateway request id (null where there is none) and clears every field
     * the work added afterwards: Lambda reuses the thread for the next invocation.
     */
    public static <T> T invocation(String apiRequestId, Supplier<T> work) {
        OWN.forEach(MDC::remove);
        put(API_REQUEST_ID, apiRequestId);
        try {
            return work.get();
        } finally {
            OWN.forEach(MDC::remove);
        }
    }

    /** The order the rest of the invocation is about. */
    public static void reference(String reference) {
        put(REFERENCE, reference);
    }

    /** Vipps' traceId of an error answer; the following lines of the invocation carry it. */
    public static void traceId(String traceId) {
        put(TRACE_ID, traceId);
    }

    /**
     * The fields of this invocation set now, by name: for lines written past the logger, such as the metrics
     * ({@link Metrics}).
     */
    public static Map<String, String> current() {
        Map<String, String> fields = new TreeMap<>();
        for (String name : ALL) {
            Object value = MDC.get(name);
            if (value != null) {
                fields.put(name, value.toString());
            }
        }
        return fields;
    }

    /** The current fields, for work handed to another thread ({@link Snapshot#runFor}). */
    public static Snapshot snapshot() {
        Map<String, String> fields = new HashMap<>();
        MDC.getMap().forEach((name, value) -> {
            if (value != null && !REFERENCE.equals(name) && !TRACE_ID.equals(name)) {
                fields.put(name, value.toString());
            }
        });
        return new Snapshot(Map.copyOf(fields));
    }

    /** An invocation's fields as a worker thread takes them over, one order at a time. */
    public record Snapshot(Map<String, String> fields) {
        /** Runs {@code work} for the order {@code reference} with these fields; the thread has none afterwards. */
        public <T> T runFor(String reference, Supplier<T> work) {
            MDC.clear();
            fields.forEach(MDC::put);
            LogContext.reference(reference);
            try {
                return work.get();
            } finally {
                MDC.clear();
            }
        }
    }

    private static void put(String name, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(name);
        } else {
            MDC.put(name, value);
        }
    }
}

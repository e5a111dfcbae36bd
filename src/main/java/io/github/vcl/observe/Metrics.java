package io.github.vcl.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Metrics as CloudWatch embedded metric format: one JSON object per set of values, written as a line of its own to
 * standard output, which Lambda sends to CloudWatch Logs, which turns it into metrics — no API call, no permission.
 * Like every log line, each names the function ({@value #FUNCTION}) and carries the invocation's fields under
 * {@value #CONTEXT} ({@link LogContext}): properties, never dimensions. Thread-safe.
 */
public final class Metrics {
    /** The property naming the function that wrote the line, as on the log lines (no metric dimension). */
    public static final String FUNCTION = "function";
    /** The property holding the invocation's {@link LogContext} fields, as on the log lines. */
    public static final String CONTEXT = "mdc";
    /** Writes nothing: for clients built outside the application (tests, the local tools). */
    public static final Metrics NONE = new Metrics("none", "none", Clock.systemUTC(), line -> {
    });

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String function;
    private final Clock clock;
    private final Consumer<String> out;

    /** @param out receives each line, without its line break */
    public Metrics(String namespace, String function, Clock clock, Consumer<String> out) {
        this.namespace = namespace;
        this.function = function;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Lines on {@code System.out}, each printed whole, apart from the log lines around it. Not through the logger on
     * purpose: CloudWatch reads a metric only from a log event that is the embedded-metric-format object itself, and
     * the JSON log formatter would wrap it in a {@code message} field.
     */
    public static Metrics toStandardOutput(String namespace, String function, Clock clock) {
        return new Metrics(namespace, function, clock, System.out::println);
    }

    /** Values without dimensions. */
    public void emit(Map<Metric, Long> values) {
        emit(Map.of(), values);
    }

    /**
     * One line with {@code values}, each under its {@link Metric#dimensionSets}; {@code dimensions} gives the value of
     * every dimension those sets name. Nothing is written for no values.
     */
    public void emit(Map<String, String> dimensions, Map<Metric, Long> values) {
        if (values.isEmpty()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ArrayNode directives = aws.putArray("CloudWatchMetrics");
        Map<List<List<String>>, List<Metric>> byDimensions = new LinkedHashMap<>();
        values.keySet().forEach(m -> byDimensions.computeIfAbsent(m.dimensionSets(), d -> new ArrayList<>()).add(m));
        byDimensions.forEach((sets, metrics) -> {
            ObjectNode directive = directives.addObject().put("Namespace", namespace);
            ArrayNode dimensionSets = directive.putArray("Dimensions");
            for (List<String> set : sets) {
                ArrayNode names = dimensionSets.addArray();
                for (String name : set) {
                    if (!dimensions.containsKey(name)) {
                        throw new IllegalArgumentException(metrics + " need a value for dimension " + name);
                    }
                    names.add(name);
                }
            }
            ArrayNode definitions = directive.putArray("Metrics");
            metrics.forEach(m -> definitions.addObject().put("Name", m.metricName())
                    .put("Unit", m.unit().cloudWatchName()));
        });
        line.put(FUNCTION, function);
        Map<String, String> context = LogContext.current();
        if (!context.isEmpty()) {
            ObjectNode fields = line.putObject(CONTEXT);
            context.forEach(fields::put);
        }
        dimensions.forEach(line::put);
        values.forEach((metric, value) -> line.put(metric.metricName(), value));
        try {
            out.accept(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a metrics line", e);
        }
    }
}

package io.github.vcl.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the answer given for each {@code Idempotency-Key} (docs/vipps-rules.md#headers): the same key with the same
 * request gets the original answer again, the same key with a different request is a conflict.
 */
final class IdempotencyLedger {

    /** What to do with a request carrying a key. */
    sealed interface Outcome {
        record Fresh() implements Outcome {
        }

        record Replay(SimulatedResponse original) implements Outcome {
        }

        record Conflict() implements Outcome {
        }
    }

    private record Entry(String operationAndPath, Object requestBody, SimulatedResponse response) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    synchronized Outcome look(String key, String operationAndPath, byte[] body) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return new Outcome.Fresh();
        }
        boolean same = entry.operationAndPath.equals(operationAndPath) && entry.requestBody.equals(comparable(body));
        return same ? new Outcome.Replay(entry.response) : new Outcome.Conflict();
    }

    synchronized void remember(String key, String operationAndPath, byte[] body, SimulatedResponse response) {
        entries.putIfAbsent(key, new Entry(operationAndPath, comparable(body), response));
    }

    /** JSON bodies compare by content, so a retry that only reformats the body is still the same request. */
    private static Object comparable(byte[] body) {
        Optional<JsonNode> json = Json.parse(body);
        return json.isPresent() ? json.get() : Arrays.toString(body);
    }
}

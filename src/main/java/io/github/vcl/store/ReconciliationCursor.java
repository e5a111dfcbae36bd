package io.github.vcl.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.github.vcl.store.OrderTable.*;

/**
 * A position in one key of the reconciliation index (its LastEvaluatedKey) as an opaque, URL-safe string:
 * {@code due|reference}; the key itself is known from where the cursor is kept.
 */
final class ReconciliationCursor {
    private ReconciliationCursor() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        String raw = lastKey.get(RECONCILE_DUE).n() + "|" + lastKey.get(REFERENCE).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String key, String cursor) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a reconciliation cursor");
        }
        int bar = raw.indexOf('|');
        if (bar < 1 || !raw.substring(0, bar).matches("\\d{1,19}")) {
            throw new IllegalArgumentException("not a reconciliation cursor");
        }
        return Map.of(RECONCILE_KEY, AttributeValue.fromS(key),
                RECONCILE_DUE, AttributeValue.fromN(raw.substring(0, bar)),
                REFERENCE, AttributeValue.fromS(raw.substring(bar + 1)));
    }
}

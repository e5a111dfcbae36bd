package io.github.vcl.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.github.vcl.store.OrderTable.*;

/** The reconciliation index's LastEvaluatedKey as an opaque, URL-safe string: {@code due|reference}. */
final class ReconciliationCursor {
    private ReconciliationCursor() {
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        String raw = lastKey.get(RECONCILE_DUE).n() + "|" + lastKey.get(REFERENCE).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor) {
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
        return Map.of(RECONCILE_KEY, AttributeValue.fromS(RECONCILE_KEY_VALUE),
                RECONCILE_DUE, AttributeValue.fromN(raw.substring(0, bar)),
                REFERENCE, AttributeValue.fromS(raw.substring(bar + 1)));
    }
}

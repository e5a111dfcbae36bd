package io.github.vcl.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static io.github.vcl.store.OrderTable.*;

/**
 * Where a support search stopped, as an opaque URL-safe string: the index partition it was reading and, unless it
 * stopped at a partition's start, the last item's {@code createdAt} and reference
 * ({@code createdAt|reference|partition}; the partition goes last because a shop order id may contain the separator).
 */
final class SearchCursor {
    private static final String SEPARATOR = "|";

    /** A position: read {@code partition}, after {@code startKey} when present. */
    record Position(String partition, Optional<Map<String, AttributeValue>> startKey) {
    }

    private SearchCursor() {
    }

    static String atStartOf(String partition) {
        return encode("", "", partition);
    }

    static String after(String partition, Map<String, AttributeValue> lastKey) {
        return encode(lastKey.get(CREATED_AT).s(), lastKey.get(REFERENCE).s(), partition);
    }

    /** Decodes a cursor for an index whose partition key attribute is {@code partitionAttribute}. */
    static Position decode(String cursor, String partitionAttribute) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a search cursor");
        }
        String[] parts = raw.split("\\|", 3);
        if (parts.length != 3 || parts[2].isEmpty() || parts[0].isEmpty() != parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a search cursor");
        }
        if (parts[0].isEmpty()) {
            return new Position(parts[2], Optional.empty());
        }
        return new Position(parts[2], Optional.of(Map.of(CREATED_AT, AttributeValue.fromS(parts[0]),
                REFERENCE, AttributeValue.fromS(parts[1]), partitionAttribute, AttributeValue.fromS(parts[2]))));
    }

    private static String encode(String createdAt, String reference, String partition) {
        String raw = createdAt + SEPARATOR + reference + SEPARATOR + partition;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}

package io.github.vcl.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.vcl.store.OrderTable.REFERENCE;
import static io.github.vcl.store.OrderTable.VERSION;

/**
 * Where the reconciler stands in its pass over the reconciliation index, so a run cut short by the Lambda deadline
 * resumes every key where it stopped instead of starting over (which would starve the orders at the end of a key), and
 * a key read to its end waits for the others before the next pass starts them all over. One small item,
 * written version-conditionally: of two runs at the same time (which the reserved concurrency of 1 prevents) only one
 * keeps its bookmark. The item of the unsharded index ({@code control#reconciler}, one cursor) is no longer read.
 */
public class ReconcilerBookmark {
    static final String KEY = "control#reconcile-index";
    private static final String CURSORS = "cursors";
    private static final String READ_OUT = "readOut";
    private static final String SHARDS = "shards";
    private static final String EMPTY_SINCE = "emptySince";

    private final DynamoDbClient dynamo;
    private final String table;

    public ReconcilerBookmark(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * A bookmark.
     *
     * @param cursors    by index key: the position after which the next run resumes; a key without one starts at its
     *                   beginning
     * @param readOut    the keys read to their end in this pass: not read again before every key is
     * @param shards     the highest shard count whose shards may still hold orders (after {@code vcl.reconcile.shards}
     *                   was lowered, the former count until its higher shards have drained)
     * @param emptySince since when the shards above the configured count have been found empty
     * @param version    of the stored item (0: none stored yet)
     */
    public record Position(Map<String, String> cursors, Set<String> readOut, int shards,
                           Optional<Instant> emptySince, long version) {
        public Position {
            cursors = Map.copyOf(cursors);
            readOut = Set.copyOf(readOut);
        }

        public Position resumingAt(Map<String, String> newCursors, Set<String> newReadOut) {
            return new Position(newCursors, newReadOut, shards, emptySince, version);
        }

        public Position withShardsInUse(int inUse, Optional<Instant> emptyFrom) {
            return new Position(cursors, readOut, inUse, emptyFrom, version);
        }
    }

    /** The stored bookmark, for {@code configured} shards (a stored count below it is raised to it). */
    public Position load(ReconcileShards configured) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(REFERENCE, AttributeValue.fromS(KEY)))).item();
        if (item == null || item.isEmpty()) {
            return new Position(Map.of(), Set.of(), configured.count(), Optional.empty(), 0);
        }
        Map<String, String> cursors = new HashMap<>();
        item.get(CURSORS).m().forEach((key, cursor) -> cursors.put(key, cursor.s()));
        int shards = Integer.parseInt(item.get(SHARDS).n());
        Optional<Instant> emptySince = shards > configured.count() && item.containsKey(EMPTY_SINCE)
                ? Optional.of(Instant.ofEpochMilli(Long.parseLong(item.get(EMPTY_SINCE).n())))
                : Optional.empty();
        Set<String> readOut = item.containsKey(READ_OUT) ? Set.copyOf(item.get(READ_OUT).ss()) : Set.of();
        return new Position(cursors, readOut, Math.max(shards, configured.count()), emptySince,
                Long.parseLong(item.get(VERSION).n()));
    }

    /**
     * Stores {@code position} if the stored bookmark is still the version it was loaded or saved as; returns the saved
     * position (version + 1), or empty when another run saved meanwhile.
     */
    public Optional<Position> save(Position position) {
        Map<String, AttributeValue> cursors = new HashMap<>();
        position.cursors().forEach((key, cursor) -> cursors.put(key, AttributeValue.fromS(cursor)));
        Map<String, AttributeValue> item = new HashMap<>(Map.of(REFERENCE, AttributeValue.fromS(KEY),
                CURSORS, AttributeValue.fromM(cursors),
                SHARDS, OrderItemMapper.n(position.shards()),
                VERSION, OrderItemMapper.n(position.version() + 1)));
        if (!position.readOut().isEmpty()) {
            item.put(READ_OUT, AttributeValue.fromSs(List.copyOf(position.readOut())));
        }
        position.emptySince().ifPresent(at -> item.put(EMPTY_SINCE, OrderItemMapper.n(at.toEpochMilli())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(position.version() == 0 ? "attribute_not_exists(#v)" : "#v = :v")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(position.version() == 0 ? null
                            : Map.of(":v", OrderItemMapper.n(position.version()))));
            return Optional.of(new Position(position.cursors(), position.readOut(), position.shards(),
                    position.emptySince(), position.version() + 1));
        } catch (ConditionalCheckFailedException anotherRun) {
            return Optional.empty();
        }
    }
}

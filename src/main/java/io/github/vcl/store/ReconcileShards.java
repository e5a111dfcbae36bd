package io.github.vcl.store;

import io.github.vcl.order.Reference;

import java.util.ArrayList;
import java.util.List;

/**
 * How the reconciliation index spreads the orders it holds: over {@code count} partition values, the shards
 * {@code PENDING#0} … {@code PENDING#<count - 1>}, so that no one index key takes every pending order's writes (one
 * partition takes about 1,000 writes a second). An order's shard follows from its reference alone, so every writer puts
 * it in the same place without reading anything. Orders written before the index was sharded carry
 * {@link #LEGACY_KEY}; the reconciler reads that key too, and each such order moves to its shard with its next write.
 */
public record ReconcileShards(int count) {
    /** The index's one key before it was sharded. */
    public static final String LEGACY_KEY = "PENDING";
    /** Far more than thousands of orders a second need; every shard costs the reconciler a query per run. */
    public static final int MAX = 64;
    private static final String PREFIX = LEGACY_KEY + "#";

    public ReconcileShards {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("vcl.reconcile.shards must be 1 to " + MAX + ", not " + count);
        }
    }

    /** The index key of an order's every write. */
    public String keyOf(Reference reference) {
        return key(Math.floorMod(mix(reference.value().hashCode()), count));
    }

    /**
     * The keys the reconciler reads: the legacy key, and the shards of {@code inUse} — the highest count whose shards
     * may still hold orders — or of this count if that is higher.
     */
    public List<String> keysToRead(int inUse) {
        List<String> keys = new ArrayList<>();
        keys.add(LEGACY_KEY);
        for (int shard = 0; shard < Math.max(count, inUse); shard++) {
            keys.add(key(shard));
        }
        return keys;
    }

    /** The shards of a former, higher count ({@code inUse}) that this count no longer writes to. */
    public List<String> retiring(int inUse) {
        List<String> keys = new ArrayList<>();
        for (int shard = count; shard < inUse; shard++) {
            keys.add(key(shard));
        }
        return keys;
    }

    private static String key(int shard) {
        return PREFIX + shard;
    }

    /**
     * MurmurHash3's finalizer over {@link String#hashCode} (whose formula the Java specification fixes, so the shard of
     * a reference never changes): the references' last characters (the attempt number) no longer decide the low bits.
     */
    private static int mix(int hash) {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}

package io.github.vcl.store;

import io.github.vcl.order.Reference;
import io.github.vcl.order.ReferenceGenerator;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileShardsTest {
    @Test
    void referencesSpreadEvenlyOverTheShards() {
        ReconcileShards shards = new ReconcileShards(16);
        ReferenceGenerator references = new ReferenceGenerator("shop");
        int orders = 20_000;
        Map<String, Integer> perKey = new HashMap<>();
        for (int i = 0; i < orders; i++) {
            Reference first = references.firstAttempt();
            perKey.merge(shards.keyOf(first), 1, Integer::sum);
            perKey.merge(shards.keyOf(first.nextAttempt()), 1, Integer::sum);
        }
        assertEquals(16, perKey.size(), perKey.toString());
        double mean = 2.0 * orders / 16;
        perKey.forEach((key, count) -> assertTrue(count > 0.9 * mean && count < 1.1 * mean, key + ": " + count));
    }

    /** A deployed table holds orders under these keys: the derivation must never change. */
    @Test
    void aReferencesShardNeverChanges() {
        assertEquals("PENDING#9", new ReconcileShards(16).keyOf(Reference.of("shop-261130-KJ8TSVEF-1")));
        assertEquals("PENDING#3", new ReconcileShards(16).keyOf(Reference.of("shop-261130-KJ8TSVEF-2")));
        assertEquals("PENDING#3", new ReconcileShards(4).keyOf(Reference.of("acme-270101-00000000-1")));
        assertEquals("PENDING#0", new ReconcileShards(1).keyOf(Reference.of("acme-270101-00000000-1")));
    }

    @Test
    void theReconcilerReadsTheLegacyKeyAndEveryShardStillInUse() {
        ReconcileShards shards = new ReconcileShards(2);
        assertEquals(List.of("PENDING", "PENDING#0", "PENDING#1"), shards.keysToRead(2));
        assertEquals(List.of("PENDING", "PENDING#0", "PENDING#1", "PENDING#2", "PENDING#3"), shards.keysToRead(4),
                "after lowering the count from 4, its higher shards until they have drained");
        assertEquals(List.of("PENDING#2", "PENDING#3"), shards.retiring(4));
        assertEquals(List.of(), shards.retiring(2));
    }

    @Test
    void theCountIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new ReconcileShards(0));
        assertThrows(IllegalArgumentException.class, () -> new ReconcileShards(ReconcileShards.MAX + 1));
    }
}

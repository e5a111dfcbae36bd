package io.github.vcl.store;

import io.github.vcl.store.ReconcilerBookmark.Position;
import io.github.vcl.testing.ScratchTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcilerBookmarkTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private ScratchTable table;
    private ReconcilerBookmark bookmark;

    @BeforeEach
    void createTable() {
        table = new ScratchTable("bookmark");
        bookmark = new ReconcilerBookmark(table.dynamo(), table.name());
    }

    @AfterEach
    void dropTable() {
        table.close();
    }

    @Test
    void aFreshTableStartsEveryKeyAtItsBeginning() {
        assertEquals(new Position(Map.of(), Set.of(), 16, Optional.empty(), 0), bookmark.load(new ReconcileShards(16)));
    }

    @Test
    void keepsACursorPerKeyAndTheKeysReadOutInThisPass() {
        Position saved = bookmark.save(new Position(Map.of("PENDING", "c0", "PENDING#3", "c3"), Set.of("PENDING#1"),
                4, Optional.empty(), 0)).orElseThrow();
        assertEquals(1, saved.version());
        assertEquals(saved, bookmark.load(new ReconcileShards(4)));
        Position next = bookmark.save(saved.resumingAt(Map.of("PENDING#1", "c1"), Set.of())).orElseThrow();
        assertEquals(new Position(Map.of("PENDING#1", "c1"), Set.of(), 4, Optional.empty(), 2),
                bookmark.load(new ReconcileShards(4)));
        assertEquals(2, next.version());
    }

    /** Two runs at once (which reserved concurrency prevents): the one that saved last before the other loses. */
    @Test
    void aRunWhoseBookmarkAnotherRunSavedMeanwhileCannotSave() {
        Position first = bookmark.load(new ReconcileShards(4));
        Position second = bookmark.load(new ReconcileShards(4));
        assertTrue(bookmark.save(first.resumingAt(Map.of("PENDING#0", "a"), Set.of())).isPresent());
        assertEquals(Optional.empty(), bookmark.save(second.resumingAt(Map.of("PENDING#0", "b"), Set.of())));
        assertEquals(Map.of("PENDING#0", "a"), bookmark.load(new ReconcileShards(4)).cursors());
    }

    @Test
    void aLoweredCountKeepsTheFormerShardsInUseUntilTheyAreRetired() {
        bookmark.save(new Position(Map.of(), Set.of(), 8, Optional.of(T0), 0));
        assertEquals(new Position(Map.of(), Set.of(), 8, Optional.of(T0), 1), bookmark.load(new ReconcileShards(4)),
                "lowered to 4: shards 4 to 7 are still read");
        assertEquals(new Position(Map.of(), Set.of(), 8, Optional.empty(), 1), bookmark.load(new ReconcileShards(8)),
                "back at 8: nothing to retire");
        assertEquals(new Position(Map.of(), Set.of(), 16, Optional.empty(), 1),
                bookmark.load(new ReconcileShards(16)), "raised: the new shards are read at once");
    }
}

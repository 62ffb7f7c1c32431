package io.trailsift.lake;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTableTest {
    private static final int SLOTS = FingerprintTable.LEAST_SLOTS;

    @Test
    void sortingInPlaceGivesEveryPairInOrderOfIdWithItsOwnContent() {
        SplittableRandom random = new SplittableRandom(23);
        FingerprintTable table = new FingerprintTable(SLOTS);
        Map<Long, Long> pairs = new HashMap<>();
        // the largest ids first: their homes are the last slots, and those that follow them run
        // off the end and wrap to the front, where the smallest ids' homes are
        for (int i = 0; i < 300; i++) {
            add(table, pairs, Long.MAX_VALUE - random.nextLong(1L << 48), random.nextLong());
        }
        for (int i = 0; i < 300; i++) {
            add(table, pairs, Long.MIN_VALUE + 1 + random.nextLong(1L << 48), random.nextLong());
        }
        while (!table.full()) {
            long id = random.nextLong();
            if (id != FingerprintTable.EMPTY && !pairs.containsKey(id)) {
                add(table, pairs, id, random.nextLong());
            }
        }
        long wrappedToTheFront = pairs.keySet().stream().filter(id -> id > 0 && table.find(id) < SLOTS / 2).count();
        assertTrue(wrappedToTheFront > 0, "some of the largest ids sit in the first slots");
        int n = table.sortInPlace();
        assertEquals(pairs.size(), n);
        long[] expected = pairs.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = table.idAt(i);
            assertEquals(pairs.get(ids[i]), table.contentAt(i), "content of the " + i + "th id");
        }
        assertArrayEquals(expected, ids);
    }

    @Test
    void aTableLimitedWhileEmptyTakesTheNewLimitAndFindsWhatItHoldsThen() {
        FingerprintTable table = new FingerprintTable(SLOTS * 4);
        for (long id = 1; id <= SLOTS; id++) {
            table.add(id * 0x9E3779B97F4A7C15L, id);
        }
        table.sortInPlace();
        table.clear();
        table.limitTo(SLOTS);
        assertEquals(SLOTS, table.maxSlots());
        long[] ids = new SplittableRandom(4).longs(SLOTS / 2).filter(id -> id != 0).distinct().toArray();
        for (long id : ids) {
            table.add(id, ~id);
        }
        for (long id : ids) {
            int slot = table.find(id);
            assertTrue(slot >= 0);
            assertEquals(~id, table.contentAt(slot));
        }
        assertTrue(table.find(12345L) < 0);
    }

    private static void add(FingerprintTable table, Map<Long, Long> pairs, long id, long content) {
        if (pairs.putIfAbsent(id, content) == null) {
            table.add(id, content);
        }
    }
}

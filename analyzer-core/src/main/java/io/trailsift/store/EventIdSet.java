package io.trailsift.store;

import io.trailsift.event.Hash64;

/**
 * The eventIDs a batch has seen, as 64-bit hashes, to tell whether any repeats. When none does in
 * the first batch of an empty store, the batch needs no dedupe query at all (a GROUP BY over every
 * eventID at the end of the run). A hash collision only says "may repeat", and the batch then gets
 * the query: never a wrong answer, only a slower one.
 */
final class EventIdSet {
    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 16];
    private int size;
    private boolean repeated;

    /** Records {@code utf8}'s id; null (no eventID) is never a repeat, as in the dedupe query. */
    void add(byte[] utf8) {
        if (utf8 == null || repeated) {
            return;
        }
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        if (!insert(slots, hash(utf8))) {
            repeated = true;
        } else {
            size++;
        }
    }

    /** Whether some id (or some id's hash) was added twice. */
    boolean repeated() {
        return repeated;
    }

    /** Open addressing with linear probing; returns false when the hash was already there. */
    private static boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == EMPTY) {
                table[i] = h;
                return true;
            }
            if (table[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long h : slots) {
            if (h != EMPTY) {
                insert(bigger, h);
            }
        }
        slots = bigger;
    }

    /** A 64-bit hash of the bytes (never 0, which marks an empty slot). */
    static long hash(byte[] b) {
        long h = Hash64.of(b, 0, b.length, 0);
        return h == EMPTY ? 1 : h;
    }
}

package io.trailsift.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The eventIDs a batch has seen, as 64-bit hashes, to tell whether any repeats. When none does in
 * the first batch of an empty store, the batch needs no dedupe query at all (a GROUP BY over every
 * eventID at the end of the run). A hash collision only says "may repeat", and the batch then gets
 * the query: never a wrong answer, only a slower one.
 */
final class EventIdSet {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
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

    /** A 64-bit mix of the bytes eight at a time (never 0, which marks an empty slot). */
    static long hash(byte[] b) {
        long h = 0x9E3779B97F4A7C15L ^ b.length;
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            h = mix(h ^ (long) WORDS.get(b, i));
        }
        long tail = 0;
        for (int k = b.length - 1; k >= i; k--) {
            tail = (tail << 8) | (b[k] & 0xff);
        }
        h = mix(h ^ tail ^ ((long) (b.length - i) << 56));
        return h == EMPTY ? 1 : h;
    }

    /** The finaliser of MurmurHash3: every input bit moves every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE53AEF63L;
        h ^= h >>> 33;
        return h;
    }
}

package io.trailsift.lake;

import java.util.Arrays;

/**
 * The recent part of the lake's dedupe in memory: eventID hash to content hash, open addressing,
 * doubled up to a fixed number of slots. When it is full, {@link SpilledFingerprints} takes its
 * pairs and it starts empty again, so its memory stays the same however many events a run holds.
 */
final class FingerprintTable {
    /** Marks a free slot; id hashes are never 0 (see {@link Fingerprints#idHash}). */
    static final long EMPTY = 0;

    private final int maxSlots;
    private long[] ids = new long[1 << 16];
    private long[] contents = new long[1 << 16];
    private int size;

    /** A table that grows to at most {@code maxSlots} (a power of two, at least 2^16). */
    FingerprintTable(int maxSlots) {
        this.maxSlots = maxSlots;
    }

    int size() {
        return size;
    }

    /** Whether one more pair would fill it past three quarters of its largest size. */
    boolean full() {
        return 4L * (size + 1) > 3L * maxSlots;
    }

    /** The slot holding {@code id}, or minus the free slot where it would go, minus one. */
    int find(long id) {
        int mask = ids.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            if (ids[i] == EMPTY) {
                return -i - 1;
            }
            if (ids[i] == id) {
                return i;
            }
        }
    }

    long contentAt(int slot) {
        return contents[slot];
    }

    /** Adds a pair whose id is not in the table ({@link #full()} is false). */
    void add(long id, long content) {
        // filled to three quarters: 10M events fit 2^24 slots (256 MB); at half, the doubling at
        // 8.4M events needed 805 MB at once and the launcher's 640 MB heap ran out
        if (4L * (size + 1) > 3L * ids.length) {
            grow();
        }
        int free = -find(id) - 1;
        ids[free] = id;
        contents[free] = content;
        size++;
    }

    /** The ids held, in ascending (signed) order. */
    long[] sortedIds() {
        long[] held = new long[size];
        int n = 0;
        for (long id : ids) {
            if (id != EMPTY) {
                held[n++] = id;
            }
        }
        Arrays.sort(held);
        return held;
    }

    void clear() {
        Arrays.fill(ids, EMPTY);
        size = 0;
    }

    private static int slot(long h, int mask) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldIds = ids;
        long[] oldContents = contents;
        ids = new long[oldIds.length * 2];
        contents = new long[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != EMPTY) {
                int i = slot(oldIds[j], mask);
                while (ids[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[j];
                contents[i] = oldContents[j];
            }
        }
    }
}

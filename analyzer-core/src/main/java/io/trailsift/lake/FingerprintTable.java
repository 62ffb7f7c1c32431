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
    /** Its first size, and the least it is ever limited to. */
    static final int LEAST_SLOTS = 1 << 16;

    private int maxSlots;
    private long[] ids = new long[LEAST_SLOTS];
    private long[] contents = new long[LEAST_SLOTS];
    private int size;

    /** A table that grows to at most {@code maxSlots} (a power of two, at least {@link #LEAST_SLOTS}). */
    FingerprintTable(int maxSlots) {
        this.maxSlots = maxSlots;
    }

    int size() {
        return size;
    }

    int maxSlots() {
        return maxSlots;
    }

    /**
     * Lowers or raises its largest size (a power of two, at least {@link #LEAST_SLOTS}) while it is empty; arrays
     * larger than that are let go at once.
     */
    void limitTo(int slots) {
        if (size != 0) {
            throw new IllegalStateException("the table holds pairs");
        }
        maxSlots = slots;
        if (ids.length > slots) {
            ids = new long[slots];
            contents = new long[slots];
        }
    }

    /** Whether one more pair would fill it past three quarters of its largest size. */
    boolean full() {
        return 4L * (size + 1) > 3L * maxSlots;
    }

    /** The slot holding {@code id}, or minus the free slot where it would go, minus one. */
    int find(long id) {
        int mask = ids.length - 1;
        for (int i = home(id); ; i = (i + 1) & mask) {
            if (ids[i] == EMPTY) {
                return -i - 1;
            }
            if (ids[i] == id) {
                return i;
            }
        }
    }

    /** The content at {@code slot}, or at {@code index} after {@link #sortInPlace()}. */
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

    /**
     * Moves its pairs to the front of its arrays in ascending (signed) order of id and returns
     * how many there are, read with {@link #idAt} and {@link #contentAt}; then only
     * {@link #clear()} may follow. A pair's home slot rises with its id, so the slots hold the
     * pairs nearly in order already: out of place are only the few that linear probing pushed
     * past a neighbour's home, and those that ran off the end and wrapped to the front. Sorting
     * here, without a copy, spares a spill the 50 MB of a sorted copy of the ids and a random
     * lookup of each id's content, which was two thirds of a spill's time.
     */
    int sortInPlace() {
        int first = 0;
        while (ids[first] != EMPTY) {
            first++;
        }
        // before the first free slot, pairs whose home lies after them wrapped around the end
        int wrapped = 0;
        for (int i = 0; i < first; i++) {
            if (home(ids[i]) > i) {
                wrapped++;
            }
        }
        long[] tailIds = new long[wrapped];
        long[] tailContents = new long[wrapped];
        int n = 0;
        int t = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == EMPTY) {
                continue;
            }
            if (i < first && home(ids[i]) > i) {
                tailIds[t] = ids[i];
                tailContents[t++] = contents[i];
            } else {
                ids[n] = ids[i];
                contents[n++] = contents[i];
            }
        }
        System.arraycopy(tailIds, 0, ids, n, wrapped);
        System.arraycopy(tailContents, 0, contents, n, wrapped);
        n += wrapped;
        for (int i = 1; i < n; i++) {
            long id = ids[i];
            long content = contents[i];
            int j = i - 1;
            for (; j >= 0 && ids[j] > id; j--) {
                ids[j + 1] = ids[j];
                contents[j + 1] = contents[j];
            }
            ids[j + 1] = id;
            contents[j + 1] = content;
        }
        return n;
    }

    /** The id at {@code index} after {@link #sortInPlace()}. */
    long idAt(int index) {
        return ids[index];
    }

    void clear() {
        Arrays.fill(ids, EMPTY);
        size = 0;
    }

    /** The home slot of {@code id}: its top bits, taken in signed order, so that it rises with the id. */
    private int home(long id) {
        return slot(id, ids.length);
    }

    private static int slot(long id, int slots) {
        return (int) ((id ^ Long.MIN_VALUE) >>> (Long.SIZE - Integer.numberOfTrailingZeros(slots)));
    }

    private void grow() {
        long[] oldIds = ids;
        long[] oldContents = contents;
        ids = new long[oldIds.length * 2];
        contents = new long[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != EMPTY) {
                int i = home(oldIds[j]);
                while (ids[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                ids[i] = oldIds[j];
                contents[i] = oldContents[j];
            }
        }
    }
}

package io.trailsift.lake;

import io.trailsift.event.Hash64;

/**
 * A Bloom filter over 64-bit eventID hashes that touches one 64-byte block per query: each id
 * sets {@value #BITS_PER_ID} bits in the block its hash picks. It answers "certainly never
 * frozen" for most new ids without reading the disk; a false "maybe" only costs a read.
 */
final class BlockedBloom {
    /** Bits set per id: with about 8 bits of filter per id, some 3 % of new ids are false "maybe"s. */
    private static final int BITS_PER_ID = 5;
    private static final int WORDS_PER_BLOCK = 8;

    /**
     * Blocks per page: the filter is pages of 1 MB, not one array. It holds about 100 MB at 100M
     * ids while the lake writer's open files fill the heap; one array of 128 MB found no room in a
     * 640 MB heap with 240 MB free (a 100M-event ingest failed there), pages do.
     */
    private static final int PAGE_BLOCKS = 1 << 14;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_BLOCKS);

    private final long[][] pages;
    private final int blocks;

    /** A filter of {@code blocks} 512-bit blocks: any number, so that it is sized to its ids, not to a power of two above them. */
    BlockedBloom(int blocks) {
        this.blocks = blocks;
        this.pages = new long[(blocks + PAGE_BLOCKS - 1) / PAGE_BLOCKS][];
        for (int p = 0; p < pages.length; p++) {
            pages[p] = new long[Math.min(PAGE_BLOCKS, blocks - p * PAGE_BLOCKS) * WORDS_PER_BLOCK];
        }
    }

    int blocks() {
        return blocks;
    }

    /** Its bytes in memory. */
    long bytes() {
        return (long) blocks * WORDS_PER_BLOCK * Long.BYTES;
    }

    void add(long id) {
        int block = block(id);
        long[] words = pages[block >>> PAGE_SHIFT];
        int base = (block & (PAGE_BLOCKS - 1)) * WORDS_PER_BLOCK;
        long bits = Hash64.mix(id);
        for (int k = 0; k < BITS_PER_ID; k++, bits >>>= 9) {
            int bit = (int) bits & 511;
            words[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mayHold(long id) {
        int block = block(id);
        long[] words = pages[block >>> PAGE_SHIFT];
        int base = (block & (PAGE_BLOCKS - 1)) * WORDS_PER_BLOCK;
        long bits = Hash64.mix(id);
        for (int k = 0; k < BITS_PER_ID; k++, bits >>>= 9) {
            int bit = (int) bits & 511;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private int block(long id) {
        // the high 32 bits scaled to the block count (a multiply and a shift, not a division); the
        // in-block bits come from a remix. Sorted ids fill the blocks in order (a spill's merge).
        return (int) (((id >>> 32) * blocks) >>> 32);
    }
}

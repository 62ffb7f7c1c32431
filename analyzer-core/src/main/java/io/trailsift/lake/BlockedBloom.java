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
     * Blocks per page: the filter is pages of 1 MB, not one array. At 69M ids it doubles to 128 MB
     * while the lake writer's open files fill the heap; one array that size found no room in a
     * 640 MB heap with 240 MB free (a 100M-event ingest failed there), pages do.
     */
    private static final int PAGE_BLOCKS = 1 << 14;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_BLOCKS);

    private final long[][] pages;
    private final int blockMask;

    /** A filter of {@code blocks} 512-bit blocks ({@code blocks} a power of two). */
    BlockedBloom(int blocks) {
        int perPage = Math.min(blocks, PAGE_BLOCKS);
        this.pages = new long[blocks / perPage][perPage * WORDS_PER_BLOCK];
        this.blockMask = blocks - 1;
    }

    int blocks() {
        return blockMask + 1;
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
        // the high bits: the in-block bits come from a remix, and the hash table's slot from the low bits
        return (int) (id >>> 40) & blockMask;
    }
}

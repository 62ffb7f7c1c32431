package io.trailsift.lake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The older part of the lake's dedupe, on disk: every pair the in-memory table gave up, in one
 * file sorted by id hash, with the first id of each 4 KB block and a Bloom filter in memory
 * (about 1 byte an id). A new id costs a filter probe; a repeated id (or one false "maybe" in
 * some thirty) costs one block read, from the page cache while the file fits in it. So a run's
 * memory stays nearly flat with its size, where keeping every pair in memory took 16 bytes an event.
 *
 * <p>Each spill merges the table's sorted pairs with the file into a new file: the file is read
 * and written again on every spill, sequentially, which costs less than keeping several files
 * each of which a repeated id would have to be looked up in.
 */
final class SpilledFingerprints implements AutoCloseable {
    private static final int PAIR = 16;
    private static final int BLOCK_PAIRS = 256;
    private static final int BLOOM_BITS_PER_ID = 8;
    /** 256 MB of filter: past some 270 million ids in one run its false "maybe"s grow, and with them the reads. */
    private static final int MAX_BLOOM_BLOCKS = 1 << 22;

    private final Path folder;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK_PAIRS * PAIR);
    private Path file;
    private FileChannel reader;
    private long pairs;
    private long[] firstIds = new long[0];
    private BlockedBloom bloom = new BlockedBloom(1);
    private int spills;

    /** Spills go to files in {@code folder}, made at the first spill and emptied by {@link #close()}. */
    SpilledFingerprints(Path folder) {
        this.folder = folder;
    }

    /** Deletes what a killed run spilled into {@code folder}, and the folder. */
    static void removeStale(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var left = Files.list(folder)) {
                for (Path f : (Iterable<Path>) left::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(folder);
        }
    }

    /** The content hash kept for {@code id}, if it was spilled. */
    OptionalLong contentOf(long id) throws IOException {
        if (pairs == 0 || !filter().mayHold(id)) {
            return OptionalLong.empty();
        }
        int b = lastBlockStartingAtOrBelow(id);
        if (b < 0) {
            return OptionalLong.empty();
        }
        int count = (int) Math.min(BLOCK_PAIRS, pairs - (long) b * BLOCK_PAIRS);
        block.clear().limit(count * PAIR);
        long at = (long) b * BLOCK_PAIRS * PAIR;
        while (block.hasRemaining()) {
            if (reader.read(block, at + block.position()) < 0) {
                throw new IOException("the dedupe spill file " + file + " is shorter than written");
            }
        }
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long midId = block.getLong(mid * PAIR);
            if (midId < id) {
                lo = mid + 1;
            } else if (midId > id) {
                hi = mid - 1;
            } else {
                return OptionalLong.of(block.getLong(mid * PAIR + 8));
            }
        }
        return OptionalLong.empty();
    }

    private int lastBlockStartingAtOrBelow(long id) {
        int lo = 0;
        int hi = firstIds.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (firstIds[mid] <= id) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Takes every pair of {@code table} (none of whose ids is spilled already) and empties it. */
    void absorb(FingerprintTable table) throws IOException {
        int fresh = table.sortInPlace();
        long total = pairs + fresh;
        BlockedBloom filter = filter();
        boolean rebuild = bloomBlocks(total) > filter.blocks();
        if (rebuild) {
            // Sized for this merge's ids and as many again as this spill brings, so that it is
            // made again at most every other spill, each time a few percent larger: doubling
            // instead took it from 64 to 128 MB at 69M ids, and the 100M-event lake ingest spent
            // the rest of its run in full collections (benchmarks/RESULTS.md, seventeenth round).
            // The merge adds every id to the new filter and reads none: the old one goes first, so
            // that both are never held. A failed merge ends the run (its writes stop), and
            // lookups after it fail too.
            bloom = null;
            filter = new BlockedBloom(bloomBlocks(total + fresh));
        }
        long[] index = new long[(int) ((total + BLOCK_PAIRS - 1) / BLOCK_PAIRS)];
        Files.createDirectories(folder);
        Path merged = folder.resolve("seen-" + (++spills) + ".bin");
        try (PairReader old = new PairReader(file, pairs);
             FileChannel out = FileChannel.open(merged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            int f = 0;
            for (long written = 0; written < total; written++) {
                long id;
                long content;
                if (f < fresh && (!old.hasNext() || table.idAt(f) < old.id())) {
                    id = table.idAt(f);
                    content = table.contentAt(f++);
                    filter.add(id);
                } else {
                    id = old.id();
                    content = old.content();
                    old.advance();
                    if (rebuild) {
                        filter.add(id);
                    }
                }
                if (written % BLOCK_PAIRS == 0) {
                    index[(int) (written / BLOCK_PAIRS)] = id;
                }
                if (!buffer.hasRemaining()) {
                    drain(buffer, out);
                }
                buffer.putLong(id).putLong(content);
            }
            drain(buffer, out);
        }
        removeFile();
        file = merged;
        reader = FileChannel.open(merged, StandardOpenOption.READ);
        pairs = total;
        firstIds = index;
        bloom = filter;
        table.clear();
    }

    private BlockedBloom filter() throws IOException {
        if (bloom == null) {
            throw new IOException("the dedupe's spill into " + folder + " failed earlier in this run");
        }
        return bloom;
    }

    /** Bytes of the filter in memory (the table beside it gives up room as it grows, see {@link Fingerprints}). */
    long filterBytes() {
        return bloom == null ? 0 : bloom.bytes();
    }

    private static int bloomBlocks(long ids) {
        return (int) Math.min(Math.max(1, (ids * BLOOM_BITS_PER_ID + 511) / 512), MAX_BLOOM_BLOCKS);
    }

    private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /** Removes the spill file; the folder goes too when nothing else is in it. */
    @Override
    public void close() throws IOException {
        removeFile();
        pairs = 0;
        if (Files.isDirectory(folder)) {
            try (var left = Files.list(folder)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    private void removeFile() throws IOException {
        if (file != null) {
            reader.close();
            Files.delete(file);
            file = null;
        }
    }

    /** The pairs of the current file, in order. */
    private static final class PairReader implements AutoCloseable {
        private final FileChannel in;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long left;
        private long id;
        private long content;

        PairReader(Path file, long pairs) throws IOException {
            this.in = file == null ? null : FileChannel.open(file, StandardOpenOption.READ);
            this.left = pairs;
            buffer.flip();
            advance();
        }

        boolean hasNext() {
            return left >= 0 && in != null;
        }

        long id() {
            return id;
        }

        long content() {
            return content;
        }

        /** Moves to the next pair; after the last, {@link #hasNext()} is false. */
        void advance() throws IOException {
            if (left == 0 || in == null) {
                left = -1;
                return;
            }
            if (buffer.remaining() < PAIR) {
                buffer.compact();
                while (buffer.position() < PAIR) {
                    if (in.read(buffer) < 0) {
                        throw new IOException("the dedupe spill file ends early");
                    }
                }
                buffer.flip();
            }
            id = buffer.getLong();
            content = buffer.getLong();
            left--;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}

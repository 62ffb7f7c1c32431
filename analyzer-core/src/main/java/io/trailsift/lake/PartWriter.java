package io.trailsift.lake;

import io.trailsift.event.EventColumn;
import io.trailsift.event.RowBlock;
import io.trailsift.store.ObjectRecord;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One parser thread's writes into the lake: its rows go straight into one open Parquet file per
 * partition they fall in, and after an object's last row, once enough rows are waiting, it
 * commits: closes the files, writes the manifest rows of the objects whose rows they hold, and
 * renames (see {@link LakeManifest}). A thread reads one object at a time, so a commit always
 * holds whole objects.
 *
 * <p>Files are closed before the commit, to bound memory, and wait under their temporary names
 * for it: the file holding the most bytes when the open files hold too many, the file written to
 * longest ago when too many are open. The few rows an account's trail holds for another account
 * or for none keep their files open meanwhile, so they make one small file per commit, not one
 * per day of each account's trail. Files are what a reader pays for: DuckDB took the lake's lookup
 * tables from a 1M-event organisation trail in 3.3 s from 1,077 files and in 1.0 s from the same
 * rows in 139 (benchmarks/RESULTS.md, thirteenth round).
 */
final class PartWriter {
    /**
     * Most rows per commit (a run may ask for fewer), as many as in a store's transaction: what a
     * killed run reads again, and what a commit holds in memory besides its open files (16 bytes
     * of fingerprints a row, a manifest row an object).
     */
    static final long MAX_COMMIT_ROWS = 1_000_000;
    /**
     * Bytes a thread's open files may hold (parquet-java keeps a file's pages in memory until it
     * closes it): a file that grows past this while the others are small is closed at about
     * this size, some 300,000 rows of an organisation trail.
     */
    static final long MAX_OPEN_BYTES = 32L << 20;
    /** Open files per thread, however small: each has a writer per column, with its buffers (see ParquetFiles). */
    static final int MAX_OPEN_FILES = 128;

    private static final MessageType DISPUTED_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("event_id")
            .named("conflicts");

    private final LakeLayout layout;
    private final Fingerprints fingerprints;
    private final FingerprintKey key;
    private final String writer;
    private final long commitRows;
    private final long maxOpenBytes;
    private final int maxOpenFiles;
    /** In the order they were last written to (the eldest first). */
    private final Map<String, Part> open = new LinkedHashMap<>(16, 0.75f, true);
    /** What the open files held when last measured (after the object that wrote to them). */
    private long openBytes;
    /** Files written to since the last object ended, to measure. */
    private final List<Part> written = new ArrayList<>();
    /** Files closed before the commit, under their temporary names. */
    private final List<Path> closed = new ArrayList<>();
    /** Files this commit started per partition: a partition whose file was closed early starts another. */
    private final Map<String, Integer> started = new HashMap<>();
    private final List<ObjectRecord> objects = new ArrayList<>();
    private final Set<String> disputed = new TreeSet<>();
    private final EventParts.Cursor cursor = new EventParts.Cursor();
    private final CallCounts calls;
    private long[] pairs = new long[1 << 12];
    private int pairCount;
    private long rows;
    private int sequence;

    private long[] idHashes = new long[RowBlock.CAPACITY];
    private long[] contentHashes = new long[RowBlock.CAPACITY];
    private Fingerprints.Verdict[] verdicts = new Fingerprints.Verdict[RowBlock.CAPACITY];

    /** A partition's open file. */
    private static final class Part {
        final String partition;
        final Path file;
        final ParquetWriter<EventParts.Cursor> writer;
        /** Its bytes in memory when last measured. */
        long bytes;

        Part(String partition, Path file, ParquetWriter<EventParts.Cursor> writer) {
            this.partition = partition;
            this.file = file;
            this.writer = writer;
        }
    }

    PartWriter(LakeLayout layout, Fingerprints fingerprints, FingerprintKey key, String writer, long commitRows) {
        this(layout, fingerprints, key, writer, commitRows, MAX_OPEN_BYTES, MAX_OPEN_FILES, new CallCounts());
    }

    /** With other bounds on the open files and the call counts: tests close files and spill counts after a few rows. */
    PartWriter(LakeLayout layout, Fingerprints fingerprints, FingerprintKey key, String writer, long commitRows,
               long maxOpenBytes, int maxOpenFiles, CallCounts calls) {
        this.calls = calls;
        this.commitRows = Math.min(commitRows, MAX_COMMIT_ROWS);
        this.maxOpenBytes = maxOpenBytes;
        this.maxOpenFiles = maxOpenFiles;
        this.layout = layout;
        this.fingerprints = fingerprints;
        this.key = key;
        this.writer = writer;
    }

    /** Writes the block's rows, but for copies of events the lake already holds. */
    void put(RowBlock block) throws IOException {
        int n = hash(block);
        fingerprints.judge(idHashes, contentHashes, n, verdicts);
        write(block, verdicts);
    }

    /**
     * Writes the block's rows as judged elsewhere ({@code judged[r]} for row {@code r}): a Spark task,
     * whose copies were compared with every other task's by the job; this writer's own fingerprints are not consulted.
     */
    void put(RowBlock block, Fingerprints.Verdict[] judged) throws IOException {
        hash(block);
        write(block, judged);
    }

    private int hash(RowBlock block) {
        int n = block.size();
        for (int r = 0; r < n; r++) {
            idHashes[r] = Fingerprints.idHash(block, r);
            contentHashes[r] = key.contentHash(block, r);
        }
        return n;
    }

    private void write(RowBlock block, Fingerprints.Verdict[] verdicts) throws IOException {
        int n = block.size();
        byte[][] accounts = block.textColumn(EventColumn.ACCOUNT_ID);
        long[] times = block.timeColumn(EventColumn.EVENT_TIME);
        cursor.block = block;
        calls.rowsOf(block);
        Part last = null;
        for (int r = 0; r < n; r++) {
            if (verdicts[r] == Fingerprints.Verdict.SAME) {
                continue;
            }
            if (verdicts[r] == Fingerprints.Verdict.DISPUTED) {
                disputed.add(new String(block.textColumn(EventColumn.EVENT_ID)[r], StandardCharsets.UTF_8));
            }
            cursor.row = r;
            Part p = part(LakeLayout.partition(accounts[r], times[r], times[r] == RowBlock.NULL_TIME));
            if (p != last) {
                written.add(p);
                last = p;
            }
            p.writer.write(cursor);
            calls.add(r);
            if (calls.full()) {
                calls.spill(LakeLayout.temporary(callCountsFile()));
            }
            pair(idHashes[r], contentHashes[r]);
            rows++;
        }
        cursor.block = null;
    }

    private void pair(long id, long content) {
        if (id == 0) {
            return; // no eventID: never compared
        }
        if (pairCount + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[pairCount++] = id;
        pairs[pairCount++] = content;
    }

    private Part part(String partition) throws IOException {
        Part p = open.get(partition);
        if (p == null) {
            if (open.size() >= maxOpenFiles) {
                close(open.values().iterator().next());
            }
            int n = started.merge(partition, 1, Integer::sum);
            Path file = layout.events().resolve(partition).resolve(LakeLayout.eventFileName(writer + "-" + sequence, n));
            Files.createDirectories(file.getParent());
            p = new Part(partition, file, EventParts.open(LakeLayout.temporary(file)));
            open.put(partition, p);
        }
        return p;
    }

    /** Closes a file before the commit: it waits under its temporary name. */
    private void close(Part p) throws IOException {
        open.remove(p.partition);
        openBytes -= p.bytes;
        p.writer.close();
        closed.add(p.file);
    }

    /** After an object's last row; returns the rows committed (0 when it waits for more). */
    long objectDone(ObjectRecord record) throws IOException {
        objects.add(record);
        for (Part p : written) {
            if (open.get(p.partition) == p) {
                long now = p.writer.getDataSize();
                openBytes += now - p.bytes;
                p.bytes = now;
            }
        }
        written.clear();
        while (openBytes > maxOpenBytes) {
            close(open.values().stream().max(Comparator.comparingLong(p -> p.bytes)).orElseThrow());
        }
        return rows >= commitRows ? commit() : 0;
    }

    /** The call counts of the commit being written (see {@link CallCounts}). */
    private Path callCountsFile() throws IOException {
        Path file = layout.callCounts().resolve("part-" + writer + "-" + sequence + ".parquet");
        Files.createDirectories(file.getParent());
        return file;
    }

    /** Commits made so far: commit {@code W-S} for S below this. */
    int commits() {
        return sequence;
    }

    /** Commits what is waiting; returns its row count. */
    long commit() throws IOException {
        if (objects.isEmpty() && open.isEmpty() && closed.isEmpty()) {
            return 0;
        }
        List<Path> files = new ArrayList<>(closed);
        for (Part p : open.values()) {
            p.writer.close();
            files.add(p.file);
        }
        String name = writer + "-" + sequence;
        // every commit has its counts, even of no rows: the lookup tables are taken from the counts
        // only when each committed manifest has them
        Path counts = callCountsFile();
        calls.finish(LakeLayout.temporary(counts));
        files.add(counts);
        if (!disputed.isEmpty()) {
            Path conflicts = layout.conflicts().resolve("part-" + name + ".parquet");
            Files.createDirectories(conflicts.getParent());
            try (var w = ParquetFiles.<String>writer(LakeLayout.temporary(conflicts), DISPUTED_SCHEMA, (c, id) -> {
                c.startField("event_id", 0);
                c.addBinary(Binary.fromString(id));
                c.endField("event_id", 0);
            }, Map.of())) {
                for (String id : disputed) {
                    w.write(id);
                }
            }
            files.add(conflicts);
        }
        if (pairCount > 0) {
            Path prints = layout.fingerprints().resolve(name + ".bin");
            Files.createDirectories(prints.getParent());
            Fingerprints.write(LakeLayout.temporary(prints), pairs, pairCount);
            files.add(prints);
        }
        Path manifest = layout.objects().resolve("part-" + name + ".parquet");
        Files.createDirectories(manifest.getParent());
        LakeManifest.write(LakeLayout.temporary(manifest), objects);
        // the commit: from here on the manifest names these objects and files
        Files.move(LakeLayout.temporary(manifest), manifest, StandardCopyOption.ATOMIC_MOVE);
        for (Path f : files) {
            Files.move(LakeLayout.temporary(f), f, StandardCopyOption.ATOMIC_MOVE);
        }
        long committed = rows;
        open.clear();
        openBytes = 0;
        written.clear();
        closed.clear();
        started.clear();
        objects.clear();
        disputed.clear();
        pairCount = 0;
        rows = 0;
        sequence++;
        return committed;
    }
}

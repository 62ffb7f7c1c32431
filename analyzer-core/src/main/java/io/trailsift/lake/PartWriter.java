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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One parser thread's writes into the lake: its rows go straight into one open Parquet file per
 * partition they fall in, and after an object's last row, once enough rows are waiting (or too
 * many files are open), it commits: closes the files, writes the manifest rows of the objects
 * whose rows they hold, and renames (see {@link LakeManifest}). A thread reads one object at a
 * time, so a commit always holds whole objects.
 */
final class PartWriter {
    /**
     * Most rows per commit (a run may ask for fewer). Parquet keeps an open file's compressed
     * pages in memory until it closes: with two parser threads this bounds that memory to about
     * 2 x 30 MB, and gives files of about 20-30 MB when a commit's rows fall in one partition.
     */
    static final long MAX_COMMIT_ROWS = 200_000;
    /** Open files per thread before a commit: each holds up to a page and a dictionary per column (see ParquetFiles). */
    private static final int MAX_OPEN_FILES = 32;

    private static final MessageType DISPUTED_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("event_id")
            .named("conflicts");

    private final LakeLayout layout;
    private final Fingerprints fingerprints;
    private final FingerprintKey key;
    private final String writer;
    private final long commitRows;
    private final Map<String, Part> open = new LinkedHashMap<>();
    private final List<ObjectRecord> objects = new ArrayList<>();
    private final Set<String> disputed = new TreeSet<>();
    private final EventParts.Cursor cursor = new EventParts.Cursor();
    private long[] pairs = new long[1 << 12];
    private int pairCount;
    private long rows;
    private int sequence;

    private long[] idHashes = new long[RowBlock.CAPACITY];
    private long[] contentHashes = new long[RowBlock.CAPACITY];
    private Fingerprints.Verdict[] verdicts = new Fingerprints.Verdict[RowBlock.CAPACITY];

    private record Part(Path file, Path temporary, ParquetWriter<EventParts.Cursor> writer) {
    }

    PartWriter(LakeLayout layout, Fingerprints fingerprints, FingerprintKey key, String writer, long commitRows) {
        this.commitRows = Math.min(commitRows, MAX_COMMIT_ROWS);
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
        for (int r = 0; r < n; r++) {
            if (verdicts[r] == Fingerprints.Verdict.SAME) {
                continue;
            }
            if (verdicts[r] == Fingerprints.Verdict.DISPUTED) {
                disputed.add(new String(block.textColumn(EventColumn.EVENT_ID)[r], StandardCharsets.UTF_8));
            }
            cursor.row = r;
            part(LakeLayout.partition(accounts[r], times[r], times[r] == RowBlock.NULL_TIME)).writer.write(cursor);
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
            Path file = layout.events().resolve(partition).resolve("part-" + writer + "-" + sequence + ".parquet");
            Files.createDirectories(file.getParent());
            Path temporary = LakeLayout.temporary(file);
            p = new Part(file, temporary, EventParts.open(temporary));
            open.put(partition, p);
        }
        return p;
    }

    /** After an object's last row; returns the rows committed (0 when it waits for more). */
    long objectDone(ObjectRecord record) throws IOException {
        objects.add(record);
        return rows >= commitRows || open.size() >= MAX_OPEN_FILES ? commit() : 0;
    }

    /** Commits made so far: commit {@code W-S} for S below this. */
    int commits() {
        return sequence;
    }

    /** Commits what is waiting; returns its row count. */
    long commit() throws IOException {
        if (objects.isEmpty() && open.isEmpty()) {
            return 0;
        }
        List<Path> files = new ArrayList<>();
        for (Part p : open.values()) {
            p.writer.close();
            files.add(p.file);
        }
        String name = writer + "-" + sequence;
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
        objects.clear();
        disputed.clear();
        pairCount = 0;
        rows = 0;
        sequence++;
        return committed;
    }
}

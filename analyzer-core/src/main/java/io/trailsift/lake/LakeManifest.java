package io.trailsift.lake;

import io.trailsift.store.ObjectRecord;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lake's {@code objects/} folder: one Parquet file per commit, with the columns of the store's
 * {@code objects} table. A commit is the rename of its manifest file; the other files of the
 * commit (events parts, disputed ids, fingerprints, call counts) carry the same {@code W-S} in their names and
 * are renamed after it. Whoever opens the lake to write first finishes those renames for every committed manifest
 * (a run killed between the two) and deletes every other temporary file (a run killed before its
 * commit): the lake then holds exactly the committed objects' events.
 */
final class LakeManifest {
    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("object_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("path")
            .optional(PrimitiveTypeName.INT64).named("size_bytes")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sha256")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("kind")
            .required(PrimitiveTypeName.INT64).named("records")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("status")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("error")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("filter")
            .required(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("ingested_at")
            .named("objects");

    private final LakeLayout layout;

    LakeManifest(LakeLayout layout) {
        this.layout = layout;
    }

    /** Finishes committed renames, removes what no commit holds. */
    void recover() throws IOException {
        Set<String> committed = committedNames(layout);
        for (Path dir : layout.commitDirs()) {
            for (Path f : LakeLayout.files(dir)) {
                if (!LakeLayout.isTemporary(f)) {
                    continue;
                }
                if (committed.contains(commitOf(LakeLayout.committed(f)))) {
                    Files.move(f, LakeLayout.committed(f), StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.delete(f);
                }
            }
        }
    }

    /** Files of committed commits still under their temporary names: what a reader misses until the next ingest. */
    static List<String> unfinished(LakeLayout layout) {
        try {
            Set<String> committed = committedNames(layout);
            List<String> out = new ArrayList<>();
            // a manifest under its temporary name is never committed: the check below leaves it out
            for (Path dir : layout.commitDirs()) {
                for (Path f : LakeLayout.files(dir)) {
                    if (LakeLayout.isTemporary(f) && committed.contains(commitOf(LakeLayout.committed(f)))) {
                        out.add(layout.root().relativize(LakeLayout.committed(f)).toString());
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit a file belongs to, from its name (see {@link LakeLayout#commitOf(String)}). */
    static String commitOf(Path file) {
        return LakeLayout.commitOf(file.getFileName().toString());
    }

    private static Set<String> committedNames(LakeLayout layout) throws IOException {
        Set<String> out = new HashSet<>();
        for (Path m : LakeLayout.files(layout.objects())) {
            if (!LakeLayout.isTemporary(m)) {
                out.add(commitOf(m));
            }
        }
        return out;
    }

    /** Writes a commit's manifest file under its temporary name. */
    static void write(Path temporary, List<ObjectRecord> records) throws IOException {
        long now = TimeUnit.MILLISECONDS.toMicros(Instant.now().toEpochMilli());
        try (var w = ParquetFiles.<ObjectRecord>writer(temporary, SCHEMA, (c, r) -> {
            field(c, "object_id", 0, () -> c.addLong(r.objectId()));
            text(c, "path", 1, r.path());
            field(c, "size_bytes", 2, () -> c.addLong(r.sizeBytes()));
            text(c, "sha256", 3, r.sha256());
            text(c, "kind", 4, r.kind());
            field(c, "records", 5, () -> c.addLong(r.records()));
            text(c, "status", 6, r.status().sql());
            text(c, "error", 7, r.error().orElse(null));
            text(c, "filter", 8, r.filter());
            field(c, "ingested_at", 9, () -> c.addLong(now));
        }, Map.of())) {
            for (ObjectRecord r : records) {
                w.write(r);
            }
        }
    }

    private static void text(RecordConsumer c, String name, int index, String value) {
        if (value != null) {
            field(c, name, index, () -> c.addBinary(Binary.fromString(value)));
        }
    }

    private static void field(RecordConsumer c, String name, int index, Runnable value) {
        c.startField(name, index);
        value.run();
        c.endField(name, index);
    }
}

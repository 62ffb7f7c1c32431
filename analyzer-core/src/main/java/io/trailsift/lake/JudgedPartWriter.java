package io.trailsift.lake;

import io.trailsift.event.RowBlock;
import io.trailsift.store.ObjectRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One writer whose copies were judged elsewhere: a Spark task writes its objects' rows with the
 * verdicts the job worked out over every task's fingerprints, through the same {@link PartWriter}
 * (same files, same commits) into a lake folder on the task's disk; the task then moves each
 * commit on to the lake, manifest first, as {@link LakeManifest} expects.
 */
public final class JudgedPartWriter {
    private final PartWriter writer;

    /** A writer named {@code name} (unique in the lake) into the lake folder {@code root}, for the lake keyed {@code key}. */
    public JudgedPartWriter(Path root, String name, long commitRows, FingerprintKey key) {
        // its own fingerprints stay empty (and never spill): every verdict comes from the caller
        LakeLayout layout = new LakeLayout(root);
        this.writer = new PartWriter(layout, new Fingerprints(layout.dedupeSpill()), key, name, commitRows);
    }

    /** Writes the block's rows, {@code judged[r]} deciding row {@code r}: SAME rows are left out. */
    public void put(RowBlock block, Fingerprints.Verdict[] judged) throws IOException {
        writer.put(block, judged);
    }

    /** After an object's last row; returns whether a commit was made (its files are then in place). */
    public boolean objectDone(ObjectRecord record) throws IOException {
        int before = writer.commits();
        writer.objectDone(record);
        return writer.commits() != before;
    }

    /** Commits what is waiting; returns whether there was anything. */
    public boolean commit() throws IOException {
        int before = writer.commits();
        writer.commit();
        return writer.commits() != before;
    }
}

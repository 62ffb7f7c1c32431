package io.trailsift.lake;

import io.trailsift.event.RowBlock;
import io.trailsift.store.EventSink;
import io.trailsift.store.LakePaths;
import io.trailsift.store.ObjectRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * One ingest run into a Parquet lake: each parser thread writes its rows into files of its own
 * ({@link PartWriter}) and commits them with their objects' manifest rows; no database is involved.
 * Opening it takes the lake's lock, finishes or removes what a killed run left, and reads the
 * manifest of the committed objects; their fingerprints are read when the first new rows come.
 */
public final class LakeLoad implements EventSink, AutoCloseable {
    private final LakeLayout layout;
    private final long commitRows;
    private final FileChannel lockFile;
    private final Map<String, List<ObjectRecord>> known;
    private final long firstObjectId;
    private final Fingerprints fingerprints;
    private final FingerprintKey key;
    private final String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private final List<PartWriter> writers = new ArrayList<>();
    private final ThreadLocal<PartWriter> mine = ThreadLocal.withInitial(this::newWriter);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicLong committedRows = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    private LakeLoad(LakeLayout layout, FileChannel lockFile,
                     Function<LakePaths, List<ObjectRecord>> manifest, long commitRows) throws IOException {
        this.layout = layout;
        this.commitRows = commitRows;
        this.lockFile = lockFile;
        new LakeManifest(layout).recover();
        List<ObjectRecord> rows = manifest.apply(layout.paths());
        Map<String, List<ObjectRecord>> bySha = new HashMap<>();
        for (ObjectRecord r : rows) {
            if (r.sha256() != null) {
                bySha.computeIfAbsent(r.sha256(), k -> new ArrayList<>()).add(r);
            }
        }
        this.known = bySha;
        this.firstObjectId = rows.stream().mapToLong(ObjectRecord::objectId).max().orElse(0) + 1;
        // a killed run's spill is of no use: the committed fingerprints files are read again
        SpilledFingerprints.removeStale(layout.dedupeSpill());
        this.fingerprints = new Fingerprints(layout.dedupeSpill());
        List<Path> committedPrints = LakeLayout.files(layout.fingerprints());
        this.key = FingerprintKey.of(layout, !committedPrints.isEmpty());
        fingerprints.readOnFirstJudgement(committedPrints);
    }

    /**
     * Opens (creating if needed) the lake at {@code root} for one run's writes; {@code manifest}
     * reads the committed manifest rows (parquet-java reads Parquet only with Hadoop, so the caller
     * reads them: DuckDB in the CLI, Spark on a cluster). {@code commitRows}: rows each parser thread
     * writes between two commits (capped for memory; fewer give smaller files).
     */
    public static LakeLoad open(Path root, Function<LakePaths, List<ObjectRecord>> manifest, long commitRows) {
        LakeLayout layout = new LakeLayout(root);
        try {
            Files.createDirectories(layout.objects());
            FileChannel channel = FileChannel.open(layout.root().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new LakeException("the lake " + layout.root() + " is in use by another ingest; retry when it finishes");
            }
            try {
                return new LakeLoad(layout, channel, manifest, commitRows);
            } catch (IOException | RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new LakeException("cannot write the lake " + layout.root() + ": " + e.getMessage(), e);
        }
    }

    private synchronized PartWriter newWriter() {
        PartWriter w = new PartWriter(layout, fingerprints, key, run + "t" + writers.size(), commitRows);
        writers.add(w);
        return w;
    }

    @Override
    public Map<String, List<ObjectRecord>> knownObjects() {
        return known;
    }

    @Override
    public long firstObjectId() {
        return firstObjectId;
    }

    @Override
    public void objectStarted(long objectId, String path) {
        // nothing to note: rows of an object whose commit never happens stay in temporary files
    }

    @Override
    public void put(RowBlock block) {
        stopIfFailed();
        try {
            mine.get().put(block);
        } catch (IOException e) {
            throw failed(e);
        } catch (OutOfMemoryError e) {
            throw failed(new IOException("not enough memory to write the lake: give Java a larger heap, "
                    + "e.g. TRAILSIFT_JAVA_OPTS=-Xmx2g", e));
        }
    }

    @Override
    public void objectDone(ObjectRecord record) {
        stopIfFailed();
        try {
            committedRows.addAndGet(mine.get().objectDone(record));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** After a failure nothing more is committed: the objects of the run so far stay unread, for the next run. */
    private void stopIfFailed() {
        if (failure.get() != null) {
            throw new LakeException("writing the lake " + layout.root() + " stopped: " + failure.get().getMessage());
        }
    }

    /** A write that failed (a full disk, the heap) ends the run: what each thread wrote since its last commit stays uncommitted. */
    private LakeException failed(IOException e) {
        failure.compareAndSet(null, e);
        return new LakeException("writing the lake " + layout.root() + ": " + e.getMessage(), e);
    }

    @Override
    public void end() {
        ended.countDown();
    }

    @Override
    public Result write(LongConsumer committed) {
        long reported = 0;
        try {
            // A failed write ends the wait too: nothing is committed after it, and the walker that
            // would end the run may itself be gone (out of memory, like the writer).
            while (!ended.await(250, TimeUnit.MILLISECONDS) && failure.get() == null) {
                long now = committedRows.get();
                if (now > reported) {
                    committed.accept(now - reported);
                    reported = now;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeException("ingest interrupted; nothing after the last commit was kept", e);
        }
        if (failure.get() != null) {
            throw new LakeException("writing the lake " + layout.root() + " failed: " + failure.get().getMessage()
                    + "; what was committed before stays, run the same ingest again", failure.get());
        }
        // The parser threads are done: their last commits are made here.
        synchronized (this) {
            for (PartWriter w : writers) {
                try {
                    committedRows.addAndGet(w.commit());
                } catch (IOException e) {
                    throw failed(e);
                }
            }
        }
        long total = committedRows.get();
        if (total > reported) {
            committed.accept(total - reported);
        }
        return new Result(total, List.of());
    }

    public Path root() {
        return layout.root();
    }

    /** Removes the dedupe's spill and lets go of the lake (closing the channel releases its lock). */
    @Override
    public void close() {
        try (lockFile) {
            fingerprints.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.trailsift.ingest;

import io.trailsift.parse.CloudTrailReader;
import io.trailsift.parse.ObjectFormat;
import io.trailsift.parse.ParseOutcome;
import io.trailsift.source.InputWalker;
import io.trailsift.source.OpenedObject;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;
import io.trailsift.store.Manifest;
import io.trailsift.store.ObjectRecord;
import io.trailsift.store.ObjectRecord.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The ingest pipeline: a walker thread finds objects, parser threads (one object each) turn them
 * into row blocks on a bounded queue, and the calling thread writes batches into the store
 * through {@link BlockFeed}. Each batch is one transaction holding its events, the manifest rows
 * of the objects it completed, and the removal of duplicate eventIDs; a killed run therefore
 * leaves only rows of objects without a manifest row, which the next run removes and reads again.
 */
public final class Ingest {
    private static final int QUEUE_BLOCKS_PER_THREAD = 4;

    private final EventStore store;
    private final IngestOptions options;
    private final Manifest manifest;
    private final CloudTrailReader reader;
    private final String filterSpec;
    private final AtomicLong objectsFound = new AtomicLong();
    private final AtomicLong objectsDone = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong eventsCommitted = new AtomicLong();
    private final AtomicLong rawBytesDone = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong alreadyIngested = new AtomicLong();
    private final AtomicLong notCloudTrail = new AtomicLong();
    private final List<IngestSummary.DamagedObject> damaged = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Boolean> claimed = new ConcurrentHashMap<>();
    private Map<String, List<ObjectRecord>> known;
    private AtomicLong nextObjectId;
    private long rawBytesTotal;
    private long started;

    public Ingest(EventStore store, IngestOptions options) {
        this.store = store;
        this.options = options;
        this.manifest = new Manifest(store);
        this.reader = new CloudTrailReader(options.recordFilter());
        this.filterSpec = options.recordFilter().describe();
    }

    /** Object done: its manifest row (absent for objects that must not be remembered). */
    private record Done(Optional<ObjectRecord> record) {
    }

    /** Runs to the end; {@code progress} is called after each committed batch. */
    public IngestSummary run(Consumer<IngestProgress> progress) throws SQLException, IOException, InterruptedException {
        started = System.nanoTime();
        List<Path> files = InputWalker.files(options.inputs());
        for (Path f : files) {
            rawBytesTotal += Files.size(f);
        }
        try (Statement st = store.connection().createStatement()) {
            // DuckDB's default (80% of RAM) lets one big transaction grow without bound; capped, it
            // writes finished row groups to the file early, and ingest memory stays flat.
            st.execute("SET memory_limit = '640MB'");
        }
        boolean derivedWereCurrent = DerivedTables.isCurrent(store);
        manifest.removeUnfinishedObjects();
        known = manifest.known();
        long firstObjectId = manifest.nextObjectId();
        nextObjectId = new AtomicLong(firstObjectId);
        long before = store.eventCount();

        int threads = Math.max(1, options.parserThreads());
        BlockFeed feed = new BlockFeed(threads * QUEUE_BLOCKS_PER_THREAD, options.batchRows());
        feed.register(store.connection());
        ExecutorService parsers = Executors.newFixedThreadPool(threads, daemon("trailsift-parse"));
        Thread walker = new Thread(() -> walk(files, feed, parsers, threads), "trailsift-walk");
        walker.setDaemon(true);
        walker.start();
        try {
            writeBatches(feed, progress, before == 0);
        } finally {
            walker.interrupt();
            parsers.shutdownNow();
            walker.join(TimeUnit.SECONDS.toMillis(10));
        }
        DerivedTables.refresh(store, derivedWereCurrent ? OptionalLong.of(firstObjectId) : OptionalLong.empty());
        long stored = store.eventCount() - before;
        return new IngestSummary(objectsFound.get(), eventsRead.get(), stored, List.copyOf(damaged), skipped.get(),
                alreadyIngested.get(), notCloudTrail.get(), seconds());
    }

    /** Current counters, for a display that polls instead of waiting for a batch. */
    public IngestProgress progress() {
        return new IngestProgress(objectsDone.get(), eventsRead.get(), eventsCommitted.get(), rawBytesDone.get(),
                rawBytesTotal, seconds());
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void writeBatches(BlockFeed feed, Consumer<IngestProgress> progress, boolean storeWasEmpty)
            throws SQLException {
        String insert = feed.insertSql();
        boolean firstBatch = true;
        try (Statement st = store.connection().createStatement()) {
            while (!feed.exhausted()) {
                // the first batch into an empty store is the whole table: if no eventID in it comes
                // twice, there is nothing to dedupe, so the feed watches its ids
                boolean wholeTable = storeWasEmpty && firstBatch;
                feed.startBatch(wholeTable);
                st.execute("BEGIN TRANSACTION");
                try {
                    st.execute(insert);
                    List<ObjectRecord> rows = new ArrayList<>();
                    for (Object marker : feed.completed()) {
                        ((Done) marker).record().ifPresent(rows::add);
                    }
                    manifest.append(rows);
                    if (feed.rowsInBatch() > 0) {
                        if (feed.batchMayRepeatIds()) {
                            dedupe(wholeTable, feed.minObjectId());
                        }
                        DerivedTables.eventsChanged(store.connection());
                    }
                    st.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollback();
                    throw e;
                }
                firstBatch = false;
                eventsCommitted.addAndGet(feed.rowsInBatch());
                progress.accept(progress());
            }
        }
    }

    /**
     * Keeps one row per eventID among those the batch touched: the one from the oldest object
     * (overlapping downloads repeat events; a rerun reads nothing new). Done in SQL because a
     * key constraint makes the Appender-family paths drop rows silently (LIBRARY-NOTES).
     * Prepared per batch, never ahead: a statement DuckDB planned while the table was empty can
     * stay planned as deleting nothing after rows arrive (measured with the whole-table form).
     */
    private void dedupe(boolean batchIsWholeTable, long minObjectId) throws SQLException {
        // only fixed fragments are put together here; the object id is bound
        String sql = DEDUPE.formatted(batchIsWholeTable ? REPEATED_IDS : REPEATED_IDS_OF_BATCH);
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            if (!batchIsWholeTable) {
                ps.setLong(1, minObjectId);
            }
            ps.executeUpdate();
        }
    }

    /** %s: the ids seen more than once; only those reach the window (a third less work than all). */
    private static final String DEDUPE = """
            DELETE FROM events WHERE rowid IN (
              SELECT rid FROM (
                SELECT rowid AS rid,
                       row_number() OVER (PARTITION BY event_id ORDER BY object_id, rowid) AS rn
                FROM events
                WHERE event_id IN (%s)
              ) WHERE rn > 1)""";

    /**
     * For a batch that is the whole table (the first into an empty store): no need to find which
     * ids it touched (0.2 s instead of 0.5 s per 1M rows, one-off timing).
     */
    private static final String REPEATED_IDS = "SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1";

    private static final String REPEATED_IDS_OF_BATCH = """
            SELECT event_id FROM events
            WHERE event_id IN (SELECT event_id FROM events WHERE object_id >= ?)
            GROUP BY event_id HAVING count(*) > 1""";

    private void rollback() {
        try (Statement st = store.connection().createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    private void walk(List<Path> files, BlockFeed feed, ExecutorService parsers, int threads) {
        // Bounds objects in flight (archive entries are held in memory until parsed).
        Semaphore inFlight = new Semaphore(threads * 2);
        try {
            InputWalker walker = new InputWalker(options.maxObjectBytes(), this::admitted);
            walker.walk(files, new InputWalker.Visitor() {
                @Override
                public void object(SourceObject object) throws InterruptedException {
                    objectsFound.incrementAndGet();
                    inFlight.acquire();
                    parsers.execute(() -> {
                        try {
                            feed.objectDone(new Done(readObject(object, feed)));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            object.release();
                            rawBytesDone.addAndGet(object.sizeBytes());
                            objectsDone.incrementAndGet();
                            inFlight.release();
                        }
                    });
                }

                @Override
                public void problem(SourceProblem problem) {
                    objectsFound.incrementAndGet();
                    damaged.add(new IngestSummary.DamagedObject(problem.path(), problem.reason(), 0));
                }
            });
            inFlight.acquire(threads * 2);
            feed.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Path-level narrowing: counted as found and skipped, never opened. */
    private boolean admitted(SourceObject object) {
        if (options.pathFilter().admits(object.location())) {
            return true;
        }
        objectsFound.incrementAndGet();
        skipped.incrementAndGet();
        return false;
    }

    /** Parses one object into the feed; returns its manifest row, if it is to be remembered. */
    private Optional<ObjectRecord> readObject(SourceObject object, BlockFeed feed) throws InterruptedException {
        String sha;
        try {
            sha = object.sha256();
        } catch (IOException e) {
            damaged.add(new IngestSummary.DamagedObject(object.path(), "cannot read: " + e.getMessage(), 0));
            return Optional.empty();
        }
        if (alreadyRead(object, sha)) {
            return Optional.empty();
        }
        long id = nextObjectId.getAndIncrement();
        try (OpenedObject opened = object.open(options.maxObjectBytes())) {
            if (opened.isEmpty()) {
                return Optional.of(damagedRecord(object, id, sha, "empty", "empty object", 0));
            }
            if (!opened.isJson()) {
                notCloudTrail.incrementAndGet();
                skipped.incrementAndGet();
                return Optional.of(record(object, id, sha, "other", 0, Status.SKIPPED, Optional.empty()));
            }
            ParseOutcome outcome = reader.read(opened.content(), id, block -> {
                try {
                    // counted before it is queued: the writer may merge more rows into it at once
                    int rows = block.size();
                    feed.put(block);
                    eventsRead.addAndGet(rows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("ingest interrupted", e);
                }
            });
            return Optional.of(outcomeRecord(object, id, sha, outcome));
        } catch (IOException e) {
            return Optional.of(damagedRecord(object, id, sha, "unreadable", "cannot open: " + e.getMessage(), 0));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("ingest interrupted");
            }
            // A bug must not cost the rest of the run: report the object like any damage.
            return Optional.of(damagedRecord(object, id, sha, "unreadable", "internal error: " + e, 0));
        }
    }

    /** Same bytes already in the store (earlier run, same or wider filter) or earlier in this run. */
    private boolean alreadyRead(SourceObject object, String sha) {
        for (ObjectRecord r : known.getOrDefault(sha, List.of())) {
            if (r.filter().isEmpty() || r.filter().equals(filterSpec)) {
                alreadyIngested.incrementAndGet();
                skipped.incrementAndGet();
                if (r.status() == Status.DAMAGED) {
                    damaged.add(new IngestSummary.DamagedObject(object.path(),
                            r.error().orElse("damaged") + " (recorded by an earlier run)", r.records()));
                }
                return true;
            }
        }
        if (claimed.putIfAbsent(sha, Boolean.TRUE) != null) {
            // The same object downloaded twice into different folders.
            alreadyIngested.incrementAndGet();
            skipped.incrementAndGet();
            return true;
        }
        return false;
    }

    private ObjectRecord outcomeRecord(SourceObject object, long id, String sha, ParseOutcome outcome) {
        ObjectFormat f = outcome.format();
        String kind = switch (f) {
            case RECORDS_WRAPPER -> object.insightPath() ? "insight" : "log";
            case RECORD_ARRAY -> "array";
            case RECORD_STREAM -> "ndjson";
            case LOOKUP_EVENTS -> "lookup-events";
            case DIGEST -> "digest";
            case NOT_CLOUDTRAIL -> "other";
        };
        if (outcome.damaged()) {
            return damagedRecord(object, id, sha, kind, outcome.damage().orElseThrow().describe(), outcome.recordsStored());
        }
        if (!f.holdsEvents()) {
            skipped.incrementAndGet();
            if (f == ObjectFormat.NOT_CLOUDTRAIL) {
                notCloudTrail.incrementAndGet();
            }
            return record(object, id, sha, kind, 0, Status.SKIPPED, Optional.empty());
        }
        return record(object, id, sha, kind, outcome.recordsStored(), Status.OK, Optional.empty());
    }

    private ObjectRecord damagedRecord(SourceObject object, long id, String sha, String kind, String reason,
                                       long recovered) {
        damaged.add(new IngestSummary.DamagedObject(object.path(), reason, recovered));
        return record(object, id, sha, kind, recovered, Status.DAMAGED, Optional.of(reason));
    }

    private ObjectRecord record(SourceObject object, long id, String sha, String kind, long records, Status status,
                                Optional<String> error) {
        return new ObjectRecord(id, object.path(), object.sizeBytes(), sha, kind, records, status, error, filterSpec);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

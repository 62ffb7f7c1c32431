package io.trailsift.ingest;

import io.trailsift.format.EventReader;
import io.trailsift.format.EventReaders;
import io.trailsift.format.ObjectFormat;
import io.trailsift.format.ParseOutcome;
import io.trailsift.source.InputFiles;
import io.trailsift.source.ObjectKind;
import io.trailsift.source.ObjectPipeline;
import io.trailsift.source.OpenedObject;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;
import io.trailsift.store.EventSink;
import io.trailsift.store.EventStore;
import io.trailsift.store.ObjectRecord.Status;
import io.trailsift.store.ObjectRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The ingest pipeline: a walker finds objects, parser threads (one object each) turn them into
 * row blocks for an {@link EventSink} (the store or a lake), and the calling thread writes them.
 * Objects are known by the SHA-256 of their bytes, so a rerun reads nothing twice.
 */
public final class Ingest {
    private static final int QUEUE_BLOCKS_PER_THREAD = 4;

    private final Function<Integer, EventSink> destination;
    private final IngestOptions options;
    private final EventReaders readers;
    private final String filterSpec;
    private final AtomicLong objectsFound = new AtomicLong();
    private final AtomicLong objectsDone = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong eventsCommitted = new AtomicLong();
    private final AtomicLong rawBytesDone = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong alreadyIngested = new AtomicLong();
    private final List<IngestSummary.SkippedObject> notRead = Collections.synchronizedList(new ArrayList<>());
    private final List<IngestSummary.DamagedObject> damaged = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Boolean> claimed = new ConcurrentHashMap<>();
    private Map<String, List<ObjectRecord>> known;
    private AtomicLong nextObjectId;
    private long rawBytesTotal;
    private long started;

    public Ingest(EventStore store, IngestOptions options) {
        this(threads -> store.load(options.batchRows(), threads * QUEUE_BLOCKS_PER_THREAD), options);
    }

    /** An ingest into another destination (a Parquet lake); {@code destination} opens it for the run's parser threads. */
    public Ingest(Function<Integer, EventSink> destination, IngestOptions options) {
        this.destination = destination;
        this.options = options;
        this.readers = new EventReaders(options.eventFilter());
        this.filterSpec = options.eventFilter().describe();
    }

    /** Runs to the end. */
    public IngestSummary run(IngestListener listener) throws IOException, InterruptedException {
        started = System.nanoTime();
        InputFiles files = InputFiles.list(options.inputs());
        rawBytesTotal = files.bytes();
        int threads = Math.max(1, options.parserThreads());
        EventSink load = destination.apply(threads);
        known = load.knownObjects();
        nextObjectId = new AtomicLong(load.firstObjectId());
        listener.started(this::progress);
        Thread walker = new Thread(() -> walk(files, load, threads), "trailsift-walk");
        walker.setDaemon(true);
        walker.start();
        EventSink.Result written;
        try {
            written = load.write(rows -> {
                eventsCommitted.addAndGet(rows);
                listener.committed(progress());
            });
        } finally {
            walker.interrupt();
            walker.join(TimeUnit.SECONDS.toMillis(10));
        }
        return new IngestSummary(objectsFound.get(), eventsRead.get(), written.eventsStored(), written.conflicts(),
                byPath(damaged, IngestSummary.DamagedObject::path), byPath(notRead, IngestSummary.SkippedObject::path), skipped.get(), alreadyIngested.get(), seconds());
    }

    /** Parser threads report in the order they finish: sorted, a summary reads the same on every run. */
    private static <T> List<T> byPath(List<T> items, Function<T, String> path) {
        synchronized (items) {
            return items.stream().sorted(Comparator.comparing(path)).toList();
        }
    }

    private IngestProgress progress() {
        return new IngestProgress(objectsDone.get(), eventsRead.get(), eventsCommitted.get(), rawBytesDone.get(),
                rawBytesTotal, seconds());
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** On the walker thread: every object through the parsers, then the end of the load. */
    private void walk(InputFiles files, EventSink load, int threads) {
        try {
            new ObjectPipeline(1, threads, options.limits(), this::admitted, "trailsift-parse")
                    .run(files, new ObjectPipeline.Worker() {
                        @Override
                        public void object(SourceObject object) throws InterruptedException {
                            objectsFound.incrementAndGet();
                            try {
                                Optional<ObjectRecord> record = readObject(object, load);
                                if (record.isPresent()) {
                                    load.objectDone(record.get());
                                }
                            } finally {
                                rawBytesDone.addAndGet(object.sizeBytes());
                                objectsDone.incrementAndGet();
                            }
                        }

                        @Override
                        public void problem(SourceProblem problem) {
                            objectsFound.incrementAndGet();
                            if (problem.unreadable()) {
                                damaged.add(new IngestSummary.DamagedObject(problem.path(), problem.reason(), 0));
                            } else {
                                skipped.incrementAndGet();
                                notRead.add(new IngestSummary.SkippedObject(problem.path(), problem.reason()));
                            }
                        }
                    });
            load.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug while walking must not leave the writer waiting forever: report it, end the run.
            damaged.add(new IngestSummary.DamagedObject(String.join(", ", options.inputs().stream().map(Path::toString)
                    .toList()), "internal error while walking the inputs: " + e, 0));
            try {
                load.end();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
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

    /** Parses one object into the load; returns its manifest row, if it is to be remembered. */
    private Optional<ObjectRecord> readObject(SourceObject object, EventSink load) throws InterruptedException {
        String sha;
        try {
            sha = object.sha256();
        } catch (IOException e) {
            damaged.add(new IngestSummary.DamagedObject(object.path(), SourceProblem.cannotRead(e), 0));
            return Optional.empty();
        }
        if (alreadyRead(object, sha)) {
            return Optional.empty();
        }
        long id = nextObjectId.getAndIncrement();
        try (OpenedObject opened = object.open(options.limits().maxObjectBytes())) {
            if (opened.isEmpty()) {
                return Optional.of(damagedRecord(object, id, sha, "empty", "empty object", 0));
            }
            if (opened.objectKind() == ObjectKind.DIGEST || opened.objectKind() == ObjectKind.SIDECAR) {
                // what verify reads: expected beside the logs, so not listed as unread
                skipped.incrementAndGet();
                String kind = opened.objectKind() == ObjectKind.DIGEST ? "digest" : "sidecar";
                return Optional.of(record(object, id, sha, kind, 0, Status.SKIPPED, Optional.empty()));
            }
            Optional<EventReader> reader = readers.forContent(opened.contentKind());
            if (reader.isEmpty()) {
                notCloudTrail(object);
                return Optional.of(record(object, id, sha, "other", 0, Status.SKIPPED, Optional.empty()));
            }
            boolean[] started = {false};
            ParseOutcome outcome = reader.get().read(opened.stream(), id, block -> {
                try {
                    if (!started[0]) {
                        load.objectStarted(id, object.path());
                        started[0] = true;
                    }
                    // counted before it is queued: the writer may merge more rows into it at once
                    int rows = block.size();
                    load.put(block);
                    eventsRead.addAndGet(rows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("ingest interrupted", e);
                }
            });
            return Optional.of(outcomeRecord(object, opened.objectKind(), id, sha, outcome));
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

    private ObjectRecord outcomeRecord(SourceObject object, ObjectKind kind, long id, String sha, ParseOutcome outcome) {
        ObjectFormat f = outcome.format();
        String label = switch (f) {
            case RECORDS_WRAPPER -> kind == ObjectKind.INSIGHT ? "insight" : "log";
            case RECORD_ARRAY -> "array";
            case RECORD_STREAM -> "ndjson";
            case LOOKUP_EVENTS -> "lookup-events";
            case NOT_CLOUDTRAIL -> "other";
        };
        if (outcome.damaged()) {
            return damagedRecord(object, id, sha, label, outcome.damage().orElseThrow().describe(), outcome.recordsStored());
        }
        if (!f.holdsEvents()) {
            notCloudTrail(object);
            return record(object, id, sha, label, 0, Status.SKIPPED, Optional.empty());
        }
        return record(object, id, sha, label, outcome.recordsStored(), Status.OK, Optional.empty());
    }

    private void notCloudTrail(SourceObject object) {
        skipped.incrementAndGet();
        notRead.add(new IngestSummary.SkippedObject(object.path(), "not CloudTrail: no record, digest or known layout"));
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
}

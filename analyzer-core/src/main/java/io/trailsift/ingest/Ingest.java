package io.trailsift.ingest;

import io.trailsift.source.InputFiles;
import io.trailsift.source.ObjectPipeline;
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
import java.util.concurrent.atomic.AtomicReference;
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
    private final ObjectReading reading;
    private final String filterSpec;
    private final AtomicLong objectsFound = new AtomicLong();
    private final AtomicLong objectsDone = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong eventsCommitted = new AtomicLong();
    private final AtomicLong rawBytesDone = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong alreadyIngested = new AtomicLong();
    /** What ended the walker thread, when it was not an exception of the inputs' (the heap ran out). */
    private final AtomicReference<Error> walkerError = new AtomicReference<>();
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
        this.reading = new ObjectReading(options.eventFilter(), options.limits().maxObjectBytes());
        this.filterSpec = reading.filterSpec();
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
        if (walkerError.get() != null) {
            throw new IOException("reading the inputs stopped: " + walkerError.get() + "; what was committed before stays, "
                    + "run the same ingest again (with a larger heap if out of memory, e.g. TRAILSIFT_JAVA_OPTS=-Xmx2g)",
                    walkerError.get());
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
                            ObjectReading.damage(problem).ifPresent(damaged::add);
                            ObjectReading.notRead(problem).ifPresent(n -> {
                                skipped.incrementAndGet();
                                notRead.add(n);
                            });
                        }
                    });
            load.end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug while walking must not leave the writer waiting forever: report it, end the run.
            damaged.add(new IngestSummary.DamagedObject(String.join(", ", options.inputs().stream().map(Path::toString)
                    .toList()), "internal error while walking the inputs: " + e, 0));
            end(load);
        } catch (Error e) {
            // Out of memory, most likely: the run ends and says so (see run), not as damaged input.
            walkerError.set(e);
            end(load);
        }
    }

    private static void end(EventSink load) {
        try {
            load.end();
        } catch (InterruptedException interrupted) {
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
        boolean[] started = {false};
        ObjectRecord record = reading.read(object, id, sha, block -> {
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
        ObjectReading.damage(record).ifPresent(damaged::add);
        ObjectReading.notRead(record).ifPresent(notRead::add);
        if (record.status() == Status.SKIPPED) {
            skipped.incrementAndGet();
        }
        return Optional.of(record);
    }

    /** Same bytes already in the store (earlier run, same or wider filter) or earlier in this run. */
    private boolean alreadyRead(SourceObject object, String sha) {
        for (ObjectRecord r : known.getOrDefault(sha, List.of())) {
            if (r.filter().isEmpty() || r.filter().equals(filterSpec)) {
                alreadyIngested.incrementAndGet();
                skipped.incrementAndGet();
                ObjectReading.earlierDamage(object.path(), r).ifPresent(damaged::add);
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
}

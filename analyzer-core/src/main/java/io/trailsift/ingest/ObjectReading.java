package io.trailsift.ingest;

import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.EventReader;
import io.trailsift.format.EventReaders;
import io.trailsift.format.ObjectFormat;
import io.trailsift.format.ParseOutcome;
import io.trailsift.source.ObjectKind;
import io.trailsift.source.OpenedObject;
import io.trailsift.source.SourceObject;
import io.trailsift.source.SourceProblem;
import io.trailsift.store.ObjectRecord;
import io.trailsift.store.ObjectRecord.Status;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one object into row blocks and says what it was, as its manifest row: the one place that
 * decides an object's kind, status and damage, for the ingest on one machine and for the Spark
 * tasks that run the same reading over a cluster's share of the objects.
 */
public final class ObjectReading {
    private static final String NOT_CLOUDTRAIL = "not CloudTrail: no record, digest or known layout";

    private final EventReaders readers;
    private final String filterSpec;
    private final long maxObjectBytes;

    public ObjectReading(EventFilter filter, long maxObjectBytes) {
        this.readers = new EventReaders(filter);
        this.filterSpec = filter.describe();
        this.maxObjectBytes = maxObjectBytes;
    }

    /** The record filter as the manifest notes it ("" for none). */
    public String filterSpec() {
        return filterSpec;
    }

    /**
     * Parses {@code object} (known by {@code sha}, numbered {@code id}) into {@code blocks}, which
     * get its rows in order; returns its manifest row. Damage never throws: it is in the row.
     */
    public ObjectRecord read(SourceObject object, long id, String sha, Consumer<RowBlock> blocks) throws InterruptedException {
        try (OpenedObject opened = object.open(maxObjectBytes)) {
            if (opened.isEmpty()) {
                return record(object, id, sha, "empty", 0, Status.DAMAGED, Optional.of("empty object"));
            }
            if (opened.objectKind() == ObjectKind.DIGEST || opened.objectKind() == ObjectKind.SIDECAR) {
                // what verify reads: expected beside the logs, so not listed as unread
                String kind = opened.objectKind() == ObjectKind.DIGEST ? "digest" : "sidecar";
                return record(object, id, sha, kind, 0, Status.SKIPPED, Optional.empty());
            }
            Optional<EventReader> reader = readers.forContent(opened.contentKind());
            if (reader.isEmpty()) {
                return record(object, id, sha, "other", 0, Status.SKIPPED, Optional.empty());
            }
            ParseOutcome outcome = reader.get().read(opened.stream(), id, blocks);
            return outcomeRecord(object, opened.objectKind(), id, sha, outcome);
        } catch (IOException e) {
            return record(object, id, sha, "unreadable", 0, Status.DAMAGED, Optional.of("cannot open: " + e.getMessage()));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("ingest interrupted");
            }
            // A bug must not cost the rest of the run: report the object like any damage.
            return record(object, id, sha, "unreadable", 0, Status.DAMAGED, Optional.of("internal error: " + e));
        }
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
            return record(object, id, sha, label, outcome.recordsStored(), Status.DAMAGED,
                    Optional.of(outcome.damage().orElseThrow().describe()));
        }
        if (!f.holdsEvents()) {
            return record(object, id, sha, label, 0, Status.SKIPPED, Optional.empty());
        }
        return record(object, id, sha, label, outcome.recordsStored(), Status.OK, Optional.empty());
    }

    private ObjectRecord record(SourceObject object, long id, String sha, String kind, long records, Status status,
                                Optional<String> error) {
        return new ObjectRecord(id, object.path(), object.sizeBytes(), sha, kind, records, status, error, filterSpec);
    }

    /** A damaged object's line in the summary. */
    public static Optional<IngestSummary.DamagedObject> damage(ObjectRecord r) {
        return r.status() == Status.DAMAGED
                ? Optional.of(new IngestSummary.DamagedObject(r.path(), r.error().orElse("damaged"), r.records()))
                : Optional.empty();
    }

    /** An object whose bytes an earlier run read ({@code known}): still damaged input, reported as such. */
    public static Optional<IngestSummary.DamagedObject> earlierDamage(String path, ObjectRecord known) {
        return known.status() == Status.DAMAGED ? Optional.of(new IngestSummary.DamagedObject(path,
                known.error().orElse("damaged") + " (recorded by an earlier run)", known.records())) : Optional.empty();
    }

    /** An object left unread that the summary names: one that is not CloudTrail (digests and sidecars are expected). */
    public static Optional<IngestSummary.SkippedObject> notRead(ObjectRecord r) {
        return r.status() == Status.SKIPPED && r.kind().equals("other")
                ? Optional.of(new IngestSummary.SkippedObject(r.path(), NOT_CLOUDTRAIL)) : Optional.empty();
    }

    /** An input the walker could not hand over: damage when unreadable, else left alone on purpose. */
    public static Optional<IngestSummary.DamagedObject> damage(SourceProblem p) {
        return p.unreadable() ? Optional.of(new IngestSummary.DamagedObject(p.path(), p.reason(), 0)) : Optional.empty();
    }

    /** The same problem as an object not read, when it is not damage. */
    public static Optional<IngestSummary.SkippedObject> notRead(SourceProblem p) {
        return p.unreadable() ? Optional.empty() : Optional.of(new IngestSummary.SkippedObject(p.path(), p.reason()));
    }
}

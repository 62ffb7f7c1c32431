package io.trailsift.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.json.JsonFields;
import io.trailsift.store.ConflictingCopies;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a run did. {@link #toJson()} is the ingest summary other tools parse ({@code ingest --json}):
 * {@code {"objects","events_read","events_stored","duplicates","conflicts":[{"event_id","objects":[…]}],
 * "damaged_objects":[{"path","reason","records_recovered"}],"skipped_objects","not_read":[{"path","reason"}],
 * "seconds"}}; keep it exact.
 *
 * @param objects        objects found in the inputs (archive entries count one each)
 * @param eventsRead     records read and handed to the store in this run
 * @param eventsStored   rows the store gained: records read minus copies identical to one kept
 * @param conflicts      eventIDs read in this run whose copies differ; every copy is stored
 * @param notRead        objects left unread that are neither damaged nor expected: not CloudTrail,
 *                       links out of the evidence folder, named pipes and devices (each named)
 * @param skippedObjects objects not read: those, digests, already ingested, outside the filters
 */
public record IngestSummary(long objects, long eventsRead, long eventsStored, List<ConflictingCopies> conflicts,
                            List<DamagedObject> damagedObjects, List<SkippedObject> notRead, long skippedObjects,
                            long alreadyIngested, double seconds) {
    public IngestSummary {
        conflicts = List.copyOf(conflicts);
        damagedObjects = List.copyOf(damagedObjects);
        notRead = List.copyOf(notRead);
    }

    public record SkippedObject(String path, String reason) {
    }

    public record DamagedObject(String path, String reason, long recordsRecovered) {
    }

    /** The same run with the disputed eventIDs worked out after it (a lake's, once its files are committed). */
    public IngestSummary withConflicts(List<ConflictingCopies> found) {
        return new IngestSummary(objects, eventsRead, eventsStored, found, damagedObjects, notRead, skippedObjects,
                alreadyIngested, seconds);
    }

    public long duplicates() {
        return eventsRead - eventsStored;
    }

    public double eventsPerSecond() {
        return seconds > 0 ? eventsRead / seconds : 0;
    }

    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("objects", objects);
            g.writeNumberField("events_read", eventsRead);
            g.writeNumberField("events_stored", eventsStored);
            g.writeNumberField("duplicates", duplicates());
            g.writeArrayFieldStart("conflicts");
            for (ConflictingCopies c : conflicts) {
                g.writeStartObject();
                g.writeStringField("event_id", c.eventId());
                JsonFields.strings(g, "objects", c.objects());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("damaged_objects");
            for (DamagedObject d : damagedObjects) {
                g.writeStartObject();
                g.writeStringField("path", d.path());
                g.writeStringField("reason", d.reason());
                g.writeNumberField("records_recovered", d.recordsRecovered());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("skipped_objects", skippedObjects);
            g.writeArrayFieldStart("not_read");
            for (SkippedObject s : notRead) {
                g.writeStartObject();
                g.writeStringField("path", s.path());
                g.writeStringField("reason", s.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

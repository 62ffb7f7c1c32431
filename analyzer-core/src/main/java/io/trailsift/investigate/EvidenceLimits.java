package io.trailsift.investigate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the evidence behind the lineage cannot show: objects that were damaged when read and whose
 * events overlap the lineage's activity (each may have lost calls of the lineage after the point
 * where it broke), what {@code verify} last said about the objects that hold the lineage's events,
 * and what the store was built from.
 *
 * @param damaged   damaged objects overlapping the lineage's activity
 * @param verify    the last verify run kept in the store, if any
 * @param objects   log objects the store read, by status (ok, damaged, skipped)
 */
public record EvidenceLimits(List<DamagedObject> damaged, Optional<VerifyState> verify, List<ObjectCount> objects) {
    public EvidenceLimits {
        damaged = List.copyOf(damaged);
        objects = List.copyOf(objects);
    }

    /**
     * A damaged object: how far it was read and whose lineage events it holds.
     *
     * @param storedRecords  the records recovered before the damage
     * @param newestRecovered the newest event recovered from it: calls after it in the object's window are lost
     * @param lineageEvents  per lineage key with events in it, how many ("KEY=N")
     */
    public record DamagedObject(String path, long storedRecords, String error, Optional<Instant> oldestRecovered,
                                Optional<Instant> newestRecovered, List<String> lineageEvents) {
        public DamagedObject {
            lineageEvents = List.copyOf(lineageEvents);
        }
    }

    /**
     * The last verify run and the states of the objects that hold the lineage's events.
     *
     * @param states "verified=12", "modified=1", ... for the lineage's objects; empty when verify
     *               covered none of them
     */
    public record VerifyState(Instant verifiedAt, boolean failed, String inputs, List<String> states) {
        public VerifyState {
            states = List.copyOf(states);
        }
    }

    public record ObjectCount(String status, long objects, long records) {
    }
}

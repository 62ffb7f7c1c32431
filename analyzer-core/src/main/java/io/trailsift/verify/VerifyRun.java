package io.trailsift.verify;

import java.util.List;

/**
 * A verify run kept in a store: its id there ({@code verify_runs.run_id}), what it found, and the
 * store's disputed events (eventIDs whose copies differ), each copy with its object's state.
 */
public record VerifyRun(long id, VerifyReport report, List<DisputedCopy> disputed) {
    public VerifyRun {
        disputed = List.copyOf(disputed);
    }

    /** The report's verdict, and failed too while the store holds copies of one event that differ. */
    public boolean failed() {
        return report.failed() || !disputed.isEmpty();
    }
}

package io.trailsift.ingest;

/**
 * A snapshot for progress displays.
 *
 * @param rawBytesDone  stored (compressed) bytes of the objects finished so far
 * @param rawBytesTotal stored bytes of all input files, known from the start (ETA)
 */
public record IngestProgress(long objectsDone, long eventsRead, long eventsCommitted, long rawBytesDone,
                             long rawBytesTotal, double seconds) {
    public double eventsPerSecond() {
        return seconds > 0 ? eventsRead / seconds : 0;
    }

    /** Seconds left, by bytes, or -1 before there is anything to go by. */
    public double etaSeconds() {
        if (rawBytesDone <= 0 || seconds <= 0) {
            return -1;
        }
        return seconds * (rawBytesTotal - rawBytesDone) / rawBytesDone;
    }
}

package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.event.EventFilter;

import java.time.Instant;

/**
 * Times on the command line: UTC ISO dates or date-times, or relative ({@code 30d}, {@code 12h},
 * {@code 45m}, {@code 2w}) to a "now" the command chooses: the newest event of the store for the
 * commands that query one (logs are read days or months after the fact: "the last 30 days" of a
 * May export means May, not the weeks before today), the wall clock for ingest filters.
 */
final class TimeArgument {
    private TimeArgument() {
    }

    /** What relative times count back from on a store: its newest event, or now when it holds none. */
    static Instant storeNow(Case c) {
        return c.newestEvent().orElseGet(Instant::now);
    }

    static Instant parse(String typed, Instant now) {
        return EventFilter.parseTime(typed, now);
    }
}

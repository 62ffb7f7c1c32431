package io.trailsift.pivot;

import java.util.List;

/** A timeline's rows, up to its limit, and how many events its filter selects in all. */
public record TimelinePage(List<TimelineRow> rows, long total) {
    public TimelinePage {
        rows = List.copyOf(rows);
    }
}

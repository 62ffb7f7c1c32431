package io.trailsift.render;

import java.util.Optional;

/**
 * How much of the lineage's timeline a report lists, and where the rest is.
 *
 * @param maxRows      past this many events of the attacker period, the report keeps the first
 *                     and last half and says how many it left out
 * @param timelineFile the CSV written beside the report with every event of the lineage, if any
 * @param store        the store the report was built from, to say so and for the commands it suggests
 */
public record ReportOptions(int maxRows, Optional<String> timelineFile, Optional<String> store) {
    public static final int DEFAULT_MAX_ROWS = 2000;

    public ReportOptions {
        if (maxRows < 2) {
            throw new IllegalArgumentException("--max-rows: at least 2");
        }
    }

    public static ReportOptions defaults() {
        return new ReportOptions(DEFAULT_MAX_ROWS, Optional.empty(), Optional.empty());
    }
}

package io.trailsift.testing;

import io.trailsift.Case;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.StoreOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Builds Parquet lakes and stores from the same inputs and reads both back the same way, for tests. */
public final class Lakes {
    /** Every column of every event, with its object named by path (object ids are each run's own numbering). */
    public static final String EVENTS_WITH_OBJECTS =
            "SELECT e.* EXCLUDE (object_id), o.path AS object_path FROM events e JOIN objects o USING (object_id)";

    private Lakes() {
    }

    public static IngestSummary ingest(Path lake, UnaryOperator<IngestOptions> tune, Path... inputs) throws Exception {
        try (Case c = Case.openLake(lake, StoreOptions.defaults())) {
            return c.ingest(tune.apply(IngestOptions.defaults(List.of(inputs))), IngestListener.NONE);
        }
    }

    /** The rows of {@code sql} on a lake, each as one line of text, sorted: a multiset to compare. */
    public static List<String> lakeRows(Path lake, String sql) {
        try (Case c = Case.openLake(lake, StoreOptions.defaults())) {
            return lines(c, sql);
        }
    }

    /** The same for a store. */
    public static List<String> storeRows(Path db, String sql) {
        try (Case c = Case.openReadOnly(db)) {
            return lines(c, sql);
        }
    }

    private static List<String> lines(Case c, String sql) {
        return c.sql(sql).rows().stream()
                .map(r -> r.stream().map(v -> Objects.toString(v, "<null>")).collect(Collectors.joining("\u241f")))
                .sorted().toList();
    }
}

package io.trailsift.testing;

import io.trailsift.ingest.Ingest;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.EventStore;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds stores from fixture files and reads them back, for tests. */
public final class Stores {
    private Stores() {
    }

    public static IngestSummary ingest(Path db, Path... inputs) throws Exception {
        return ingest(db, o -> o, inputs);
    }

    public static IngestSummary ingest(Path db, UnaryOperator<IngestOptions> tune, Path... inputs) throws Exception {
        try (EventStore store = EventStore.open(db)) {
            return new Ingest(store, tune.apply(IngestOptions.defaults(List.of(inputs)))).run(p -> { });
        }
    }

    /** The single column of a query, as strings, in query order. */
    public static List<String> column(Path db, String sql) throws SQLException {
        try (EventStore store = EventStore.openReadOnly(db); Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    public static long count(Path db, String sql) throws SQLException {
        return Long.parseLong(column(db, sql).get(0));
    }
}

package io.trailsift.testing;

import io.trailsift.ingest.Ingest;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;
import io.trailsift.testkit.CallLog;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Builds stores from fixture files and reads them back, for tests. */
public final class Stores {
    private Stores() {
    }

    public static IngestSummary ingest(Path db, Path... inputs) throws Exception {
        return ingest(db, o -> o, inputs);
    }

    public static IngestSummary ingest(Path db, UnaryOperator<IngestOptions> tune, Path... inputs) throws Exception {
        try (EventStore store = EventStore.open(db, StoreOptions.defaults())) {
            return ingest(store, tune.apply(IngestOptions.defaults(List.of(inputs))));
        }
    }

    /** One ingest run into an open store. */
    public static IngestSummary ingest(EventStore store, IngestOptions options) throws Exception {
        return new Ingest(store, options).run(IngestListener.NONE);
    }

    /** A new store at {@code db} holding every record of {@code inputs}, left open for the caller. */
    public static EventStore filled(Path db, List<Path> inputs) throws Exception {
        EventStore store = EventStore.open(db, StoreOptions.defaults());
        ingest(store, IngestOptions.defaults(inputs));
        return store;
    }

    /** The calls written to {@code dir/records.json} and ingested into a new store at {@code dir/store.duckdb}, left open. */
    public static EventStore ofCalls(Path dir, CallLog calls) throws Exception {
        return filled(dir.resolve("store.duckdb"), List.of(calls.write(dir.resolve("records.json"))));
    }

    /** The first column of a query, as text (times as UTC ISO-8601), in query order. */
    public static List<String> column(Path db, String sql) {
        try (EventStore store = EventStore.openReadOnly(db)) {
            return column(store, sql);
        }
    }

    public static List<String> column(EventStore store, String sql) {
        return store.sql().rows(sql).rows().stream().map(r -> Objects.toString(r.get(0), null)).toList();
    }

    public static long count(Path db, String sql) {
        return Long.parseLong(column(db, sql).get(0));
    }
}

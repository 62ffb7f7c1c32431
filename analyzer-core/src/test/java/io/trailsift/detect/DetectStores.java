package io.trailsift.detect;

import io.trailsift.ingest.IngestOptions;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;
import io.trailsift.testing.Stores;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Test stores built from CloudTrail fixture files. */
public final class DetectStores {
    private DetectStores() {
    }

    /** A new store in {@code dir} holding every record of {@code inputs} (files or folders). */
    public static EventStore ingest(Path dir, String name, List<Path> inputs) throws Exception {
        return Stores.filled(dir.resolve(name + ".duckdb"), inputs);
    }

    /**
     * Opens the store at {@code db}, empties it and fills it with {@code inputs}: cheaper than a new
     * DuckDB file per fixture when a test checks dozens of small fixtures one after the other. (A
     * fresh connection each time: one Ingest per open store is what the CLI does.)
     */
    public static EventStore refill(Path db, List<Path> inputs) throws Exception {
        EventStore store = EventStore.open(db, StoreOptions.defaults());
        store.sql().update("DELETE FROM events");
        store.sql().update("DELETE FROM objects");
        Stores.ingest(store, IngestOptions.defaults(inputs));
        return store;
    }

    /** {@code detect-fixtures/<rule>/<kind>.json} from the test resources. */
    public static Path fixture(String rule, String kind) throws URISyntaxException {
        URL url = DetectStores.class.getClassLoader().getResource("detect-fixtures/" + rule + "/" + kind + ".json");
        if (url == null) {
            throw new AssertionError("missing fixture detect-fixtures/" + rule + "/" + kind + ".json");
        }
        return Path.of(url.toURI());
    }
}

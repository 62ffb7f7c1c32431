package io.trailsift.detect;

import io.trailsift.ingest.Ingest;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.store.EventStore;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** Test stores built from CloudTrail fixture files, and where the shared datasets live. */
public final class DetectStores {
    private DetectStores() {
    }

    /** A new store in {@code dir} holding every record of {@code inputs} (files or folders). */
    public static EventStore ingest(Path dir, String name, List<Path> inputs) throws Exception {
        EventStore store = EventStore.open(dir.resolve(name + ".duckdb"));
        new Ingest(store, IngestOptions.defaults(inputs)).run(p -> { });
        return store;
    }

    /**
     * Opens the store at {@code db}, empties it and fills it with {@code inputs}: cheaper than a new
     * DuckDB file per fixture when a test checks dozens of small fixtures one after the other. (A
     * fresh connection each time: one Ingest per open store is what the CLI does.)
     */
    public static EventStore refill(Path db, List<Path> inputs) throws Exception {
        EventStore store = EventStore.open(db);
        try (Statement st = store.connection().createStatement()) {
            st.execute("DELETE FROM events");
            st.execute("DELETE FROM objects");
        }
        new Ingest(store, IngestOptions.defaults(inputs)).run(p -> { });
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

    /** {@code shared/datasets/<name>} next to the repository (or any folder above the working directory). */
    public static Optional<Path> sharedDataset(String name) {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

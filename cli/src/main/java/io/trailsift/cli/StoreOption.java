package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.store.StoreOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --db FILE}, shared by every command that touches the store, and how the CLI opens it. */
final class StoreOption {
    /**
     * DuckDB's memory cap while the CLI writes: its default (80% of RAM) lets one big ingest
     * transaction grow without bound; capped, it writes finished row groups to the file early and
     * memory stays flat. Sized with the launcher's 640 MB heap in mind, for a 2-core laptop.
     */
    private static final String WRITE_MEMORY_LIMIT = "640MB";

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "trailsift.duckdb",
            description = "DuckDB store (default: ${DEFAULT-VALUE})")
    Path db;

    /** A case that may write (ingest, keep findings and verify runs). */
    Case open() {
        return Case.open(db, StoreOptions.defaults().withMemoryLimit(WRITE_MEMORY_LIMIT));
    }

    /** A case on an existing store that nothing can change. */
    Case openReadOnly() {
        return Case.openReadOnly(db);
    }
}

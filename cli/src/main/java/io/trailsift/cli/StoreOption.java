package io.trailsift.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --db FILE}, shared by every command that touches the store. */
final class StoreOption {
    @Option(names = "--db", paramLabel = "FILE", defaultValue = "trailsift.duckdb",
            description = "DuckDB store (default: ${DEFAULT-VALUE})")
    Path db;
}

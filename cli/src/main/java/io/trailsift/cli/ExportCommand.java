package io.trailsift.cli;

import io.trailsift.Case;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", description = "Write the store out as a Parquet lake (see README, Scaling out).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = "trailsift.duckdb",
            description = "DuckDB store to export (default: ${DEFAULT-VALUE})")
    Path db;

    @Option(names = "--lake", paramLabel = "DIR", required = true,
            description = "Folder of the new lake (must not hold one yet).")
    Path lake;

    @Override
    public Integer call() {
        long events;
        try (Case c = Case.openReadOnly(db)) {
            events = c.exportLake(lake);
        }
        spec.commandLine().getOut().println(events + " events written to the lake " + lake);
        return Main.OK;
    }
}

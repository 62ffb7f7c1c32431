package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.Notice;
import io.trailsift.store.StoreOptions;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --db FILE} or {@code --lake DIR}, shared by every command that touches the store, and how
 * the CLI opens it. With {@code --lake} the command reads (or ingest writes) a Parquet lake, and
 * every message that names the store names the lake.
 */
final class StoreOption {
    /**
     * DuckDB's memory cap while the CLI writes: its default (80% of RAM) lets one big ingest
     * transaction grow without bound; capped, it writes finished row groups to the file early and
     * memory stays flat. Sized with the launcher's 640 MB heap in mind, for a 2-core laptop.
     */
    private static final String WRITE_MEMORY_LIMIT = "640MB";

    // an initial value, not picocli's defaultValue: picocli applies that after --lake has named the lake
    @Option(names = "--db", paramLabel = "FILE", description = "DuckDB store (default: ${DEFAULT-VALUE})")
    Path db = Path.of("trailsift.duckdb");

    private boolean lake;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "Parquet lake to read (or, for ingest, to write) instead of a store: see README, Scaling out")
    void lake(Path dir) {
        this.lake = true;
        this.db = dir;
    }

    /** A case that may write (ingest, keep findings and verify runs); on a lake, ingest writes the lake and nothing else is kept. */
    Case open() {
        StoreOptions options = StoreOptions.defaults().withMemoryLimit(WRITE_MEMORY_LIMIT);
        return lake ? Case.openLake(db, options) : Case.open(db, options);
    }

    /** A case on an existing store that nothing can change; says so on {@code err} when a run left it unfinished. */
    Case openReadOnly(PrintWriter err) {
        return openReadOnly(err, StoreOptions.defaults());
    }

    /** {@link #openReadOnly(PrintWriter)}, with how answers show user agents in {@code options}. */
    Case openReadOnly(PrintWriter err, StoreOptions options) {
        Case c = lake ? Case.openLake(db, options) : Case.openReadOnly(db, options);
        warnIfUnfinished(c, err);
        return c;
    }

    /** Every answer from a store an interrupted ingest left behind may miss events: say so, and which objects. */
    static void warnIfUnfinished(Case c, PrintWriter err) {
        List<String> objects = c.unfinishedObjects();
        if (!objects.isEmpty()) {
            Notice.print(err, "warning: an ingest into this store did not finish; it holds only part of "
                    + objects.size() + " object" + (objects.size() == 1 ? "" : "s") + " (" + String.join(", ",
                    objects.subList(0, Math.min(3, objects.size()))) + (objects.size() > 3 ? ", ..." : "")
                    + "): run the same ingest again to complete the store");
        }
    }
}

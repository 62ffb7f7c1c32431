package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.Notice;
import io.trailsift.store.StoreOptions;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

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

    /** A case on an existing store that nothing can change; says so on {@code err} when a run left it unfinished. */
    Case openReadOnly(PrintWriter err) {
        return openReadOnly(err, StoreOptions.defaults());
    }

    /** {@link #openReadOnly(PrintWriter)}, with how answers show user agents in {@code options}. */
    Case openReadOnly(PrintWriter err, StoreOptions options) {
        Case c = Case.openReadOnly(db, options);
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

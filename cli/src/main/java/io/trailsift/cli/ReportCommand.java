package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.investigate.Investigation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

@Command(name = "report",
        description = {"The case report of one access key from an existing store, without reading logs again: "
                + "the same report as investigate, the store opened read-only (nothing in it changes).",
                "Prints one screen; the full report goes to --out (default: an HTML file beside the store)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    CaseReport report;

    @Override
    public Integer call() throws Exception {
        String k = report.key(spec);
        if (!Files.exists(store.db)) {
            throw new ParameterException(spec.commandLine(), "no trailsift store at " + store.db
                    + " (run trailsift ingest first, or pass --db)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = report.target(spec, store.db, k, now);
        Investigation inv;
        try (Case c = store.openReadOnly(spec.commandLine().getErr())) {
            inv = report.investigate(spec, c, k, now);
        }
        report.write(spec, inv, file, store.db);
        return inv.limits().damaged().isEmpty() ? Main.OK : Main.DAMAGED_OR_FINDINGS;
    }
}

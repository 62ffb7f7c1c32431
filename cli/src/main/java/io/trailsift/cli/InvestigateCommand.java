package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.investigate.Investigation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "investigate",
        description = {"The 4 a.m. command: ingest (reusing the store), hunt, and the full story of one access key: "
                + "what changed in its behaviour, its lineage and the users it created, what they made and read, "
                + "findings, changes, a containment checklist and the evidence's limits.",
                "Prints one screen; the full report goes to --out (default: an HTML file beside the store)."})
final class InvestigateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    CaseReport report;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Files, folders or archives to read (already read ones are skipped); none: the store as it is.")
    List<Path> paths = List.of();

    @Override
    public Integer call() throws Exception {
        String k = report.key(spec);
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), "no such readable file or folder: " + p);
            }
        }
        if (paths.isEmpty() && !Files.exists(store.db)) {
            throw new ParameterException(spec.commandLine(), "no trailsift store at " + store.db
                    + " (give the logs as PATH, or the store with --db)");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = report.target(spec, store.db, k, now);
        PrintWriter err = spec.commandLine().getErr();
        boolean damaged = false;
        Investigation inv;
        try (Case c = store.open()) {
            if (!paths.isEmpty()) {
                IngestSummary ingested;
                try (IngestCommand.ProgressLine line = new IngestCommand.ProgressLine(err)) {
                    ingested = c.ingest(IngestOptions.defaults(paths), line);
                }
                err.printf("ingest: %d objects, %d events read, %d new, %d damaged objects%n", ingested.objects(),
                        ingested.eventsRead(), ingested.eventsStored(), ingested.damagedObjects().size());
                damaged = !ingested.damagedObjects().isEmpty();
            }
            StoreOption.warnIfUnfinished(c, err);
            inv = report.investigate(spec, c, k, now);
        }
        report.write(spec, inv, file, store.db);
        damaged |= !inv.limits().damaged().isEmpty();
        return damaged ? Main.DAMAGED_OR_FINDINGS : Main.OK;
    }
}

package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.event.EventFilter;
import io.trailsift.render.Notice;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestProgress;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.render.IngestText;
import io.trailsift.source.ReadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "ingest", description = "Read CloudTrail objects (files, folders, zip/tar/tar.gz) into the store.")
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files, folders or archives to read.")
    List<Path> paths = List.of();

    @Option(names = "--from-lake", paramLabel = "DIR",
            description = "Copy a slice of a Parquet lake (--account, --since, --until) into the store instead of reading files.")
    Path fromLake;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: available processors).")
    Integer threads;

    @Option(names = "--max-object-bytes", paramLabel = "BYTES", defaultValue = "4294967296",
            description = "Cap on decompressed bytes per object (default: 4 GiB).")
    long maxObjectBytes;

    @Option(names = "--max-temp-bytes", paramLabel = "BYTES", defaultValue = "8589934592",
            description = "Cap on temporary files for large archive entries, all at once (default: 8 GiB).")
    long maxTempBytes;

    @Option(names = "--since", paramLabel = "TIME", description = "Keep events at or after TIME (UTC; or relative: 30d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Keep events before TIME (UTC; or relative).")
    String until;

    @Option(names = "--account", paramLabel = "ID", split = ",", description = "Keep only these accounts.")
    Set<String> accounts = Set.of();

    @Option(names = "--region", paramLabel = "REGION", split = ",", description = "Keep only these regions.")
    Set<String> regions = Set.of();

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--batch-rows", paramLabel = "N", hidden = true, defaultValue = "1000000",
            description = "Rows per store transaction.")
    long batchRows;

    @Override
    public Integer call() throws Exception {
        if (fromLake != null) {
            return copyFromLake();
        }
        if (paths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the files, folders or archives to read (PATH...), or --from-lake DIR");
        }
        for (Path p : paths) {
            if (!Files.exists(p) || !Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), "no such readable file or folder: " + p);
            }
        }
        IngestOptions options = IngestOptions.defaults(paths)
                .withLimits(new ReadLimits(maxObjectBytes, maxTempBytes))
                .withBatchRows(batchRows)
                .narrowedTo(scope(Instant.now()));
        if (threads != null) {
            options = options.withParserThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestSummary summary;
        try (Case c = store.open(); ProgressLine line = new ProgressLine(err)) {
            summary = c.ingest(options, line);
        }
        if (json) {
            out.println(summary.toJson());
        } else {
            IngestText.summary(summary, store.db, out);
        }
        boolean filtered = since != null || until != null || !accounts.isEmpty() || !regions.isEmpty();
        if (filtered && summary.eventsRead() == 0 && summary.objects() > summary.alreadyIngested()) {
            Notice.print(err, "warning: the filters (--since, --until, --account, --region) left no object to read; "
                    + "nothing was added to " + store.db);
        }
        return summary.damagedObjects().isEmpty() ? Main.OK : Main.DAMAGED_OR_FINDINGS;
    }

    /** The events --since, --until, --account and --region keep; relative times count back from {@code now}. */
    private EventFilter scope(Instant now) {
        try {
            return EventFilter.of(Optional.ofNullable(since).map(s -> TimeArgument.parse(s, now)),
                    Optional.ofNullable(until).map(s -> TimeArgument.parse(s, now)), accounts, regions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --from-lake}: a slice of a lake into the store (see {@link Case#ingestFromLake}). */
    private int copyFromLake() {
        if (!paths.isEmpty() || !regions.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--from-lake takes no PATH and no --region: it copies "
                    + "one --account (or all), from --since, until --until");
        }
        if (accounts.size() > 1) {
            throw new ParameterException(spec.commandLine(), "--from-lake: give one --account at most");
        }
        Instant now = Instant.now();
        scope(now); // refuses an account id that is not one
        long copied;
        try (Case c = store.open()) {
            copied = c.ingestFromLake(fromLake, accounts.stream().findFirst(),
                    Optional.ofNullable(since).map(s -> TimeArgument.parse(s, now)),
                    Optional.ofNullable(until).map(s -> TimeArgument.parse(s, now)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("{\"events_stored\":" + copied + "}");
        } else {
            out.println(copied + " events copied from the lake " + fromLake + " into " + store.db);
        }
        return Main.OK;
    }

    /** Keeps the run's progress visible on a terminal; silent when stderr is not one. */
    static final class ProgressLine implements IngestListener, AutoCloseable {
        private final PrintWriter err;
        private Thread thread;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(Supplier<IngestProgress> progress) {
            if (System.console() == null) {
                return;
            }
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(500);
                        err.print("\r" + IngestText.progress(progress.get()));
                        err.flush();
                    }
                } catch (InterruptedException done) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }, "trailsift-progress");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread != null) {
                thread.interrupt();
                thread.join();
            }
        }
    }
}

package io.trailsift.cli;

import io.trailsift.ingest.Ingest;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestProgress;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "ingest", description = "Read CloudTrail objects (files, folders, zip/tar/tar.gz) into the store.")
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders or archives to read.")
    List<Path> paths;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: available processors).")
    Integer threads;

    @Option(names = "--max-object-bytes", paramLabel = "BYTES", defaultValue = "4294967296",
            description = "Cap on decompressed bytes per object (default: 4 GiB).")
    long maxObjectBytes;

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
        for (Path p : paths) {
            if (!Files.exists(p) || !Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), "no such readable file or folder: " + p);
            }
        }
        Instant now = Instant.now();
        IngestOptions options = IngestOptions.defaults(paths)
                .withMaxObjectBytes(maxObjectBytes)
                .withBatchRows(batchRows)
                .narrowedTo(Optional.ofNullable(since).map(s -> TimeArgument.parse(s, now)),
                        Optional.ofNullable(until).map(s -> TimeArgument.parse(s, now)), accounts, regions);
        if (threads != null) {
            options = options.withParserThreads(threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestSummary summary;
        try (EventStore es = EventStore.open(store.db)) {
            Ingest ingest = new Ingest(es, options);
            try (ProgressLine line = ProgressLine.start(err, ingest::progress)) {
                summary = ingest.run(p -> { });
            }
        }
        if (json) {
            out.println(summary.toJson());
        } else {
            printSummary(out, summary);
        }
        return summary.damagedObjects().isEmpty() ? Main.OK : Main.DAMAGED_OR_FINDINGS;
    }

    private void printSummary(PrintWriter out, IngestSummary s) {
        out.printf("objects          %d (%d skipped: %d already ingested, %d not CloudTrail or digests/filtered)%n",
                s.objects(), s.skippedObjects(), s.alreadyIngested(), s.skippedObjects() - s.alreadyIngested());
        out.printf("events read      %d%n", s.eventsRead());
        out.printf("events stored    %d (%d duplicates)%n", s.eventsStored(), s.duplicates());
        out.printf("damaged objects  %d%n", s.damagedObjects().size());
        for (IngestSummary.DamagedObject d : s.damagedObjects()) {
            out.printf("  %s: %s; %d records recovered%n", d.path(), d.reason(), d.recordsRecovered());
        }
        out.printf("time             %.1f s (%.0f events/s)%n", s.seconds(), s.eventsPerSecond());
        out.printf("store            %s%n", store.db);
    }

    /** Keeps {@link IngestProgress} visible on a terminal; silent when stderr is not one. */
    static final class ProgressLine implements AutoCloseable {
        private final Thread thread;

        private ProgressLine(Thread thread) {
            this.thread = thread;
        }

        static ProgressLine start(PrintWriter err, java.util.function.Supplier<IngestProgress> source) {
            if (System.console() == null) {
                return new ProgressLine(null);
            }
            Thread t = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(500);
                        err.print("\r" + render(source.get()));
                        err.flush();
                    }
                } catch (InterruptedException done) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }, "trailsift-progress");
            t.setDaemon(true);
            t.start();
            return new ProgressLine(t);
        }

        static String render(IngestProgress p) {
            double eta = p.etaSeconds();
            return String.format("objects %d  events %d  %.0f/%.0f MB  %.0f events/s  ETA %s   ",
                    p.objectsDone(), p.eventsRead(), p.rawBytesDone() / 1e6, p.rawBytesTotal() / 1e6,
                    p.eventsPerSecond(), eta < 0 ? "-" : String.format("%.0fs", eta));
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

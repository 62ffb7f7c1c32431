package io.trailsift.render;

import io.trailsift.ingest.IngestProgress;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.ConflictingCopies;

import java.io.PrintWriter;
import java.nio.file.Path;

/** An ingest run for a person: the summary at the end, and the one-line progress while it runs. */
public final class IngestText {
    private IngestText() {
    }

    public static void summary(IngestSummary s, Path store, PrintWriter out) {
        summary(s, store.toString(), out);
    }

    /** The same for a destination named by a URI (a lake on S3 or HDFS, written by the Spark job). */
    public static void summary(IngestSummary s, String store, PrintWriter out) {
        out.printf("objects          %d (%d skipped: %d already ingested, %d not read, %d digests, sidecars or filtered)%n",
                s.objects(), s.skippedObjects(), s.alreadyIngested(), s.notRead().size(),
                s.skippedObjects() - s.alreadyIngested() - s.notRead().size());
        for (IngestSummary.SkippedObject n : s.notRead()) {
            out.printf("  not read: %s: %s%n", Escape.terminal(n.path()), Escape.terminal(n.reason()));
        }
        out.printf("events read      %d%n", s.eventsRead());
        out.printf("events stored    %d (%d duplicates)%n", s.eventsStored(), s.duplicates());
        out.printf("conflicts        %d%s%n", s.conflicts().size(), s.conflicts().isEmpty() ? ""
                : " eventIDs whose copies differ, every copy kept: possible planted evidence (see README, Threat model)");
        for (ConflictingCopies c : s.conflicts()) {
            out.printf("  %s: %s%n", Escape.terminal(c.eventId(), 200),
                    String.join(" | ", c.objects().stream().map(Escape::terminal).toList()));
        }
        out.printf("damaged objects  %d%n", s.damagedObjects().size());
        for (IngestSummary.DamagedObject d : s.damagedObjects()) {
            out.printf("  %s: %s; %d records recovered%n", Escape.terminal(d.path()), Escape.terminal(d.reason()),
                    d.recordsRecovered());
        }
        out.printf("time             %.1f s (%.0f events/s)%n", s.seconds(), s.eventsPerSecond());
        out.printf("store            %s%n", Escape.terminal(store));
        out.flush();
    }

    /** One short line, redrawn in place on a terminal. */
    public static String progress(IngestProgress p) {
        double eta = p.etaSeconds();
        return String.format("objects %d  events %d  %.0f/%.0f MB  %.0f events/s  ETA %s   ",
                p.objectsDone(), p.eventsRead(), p.rawBytesDone() / 1e6, p.rawBytesTotal() / 1e6,
                p.eventsPerSecond(), eta < 0 ? "-" : String.format("%.0fs", eta));
    }
}

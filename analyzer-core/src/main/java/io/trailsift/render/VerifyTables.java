package io.trailsift.render;

import io.trailsift.source.S3Location;
import io.trailsift.store.RowSet;
import io.trailsift.verify.DisputedCopy;
import io.trailsift.verify.VerifyJson;
import io.trailsift.verify.VerifyReport.ChainBreak;
import io.trailsift.verify.VerifyReport.DeliveryGap;
import io.trailsift.verify.VerifyReport.DigestCheck;
import io.trailsift.verify.VerifyReport.DigestSignatureState;
import io.trailsift.verify.VerifyReport.ObjectResult;
import io.trailsift.verify.VerifyReport.ObjectState;
import io.trailsift.verify.VerifyReport;
import io.trailsift.verify.VerifyRun;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verify report: its JSON summary for programs, and for people named sections of rows, a
 * summary first, then only the sections that have something to show. Objects and digests are
 * named by file name (unique: account, region, time and a random part) so tables stay readable;
 * the JSON output and the store keep full S3 keys.
 */
public final class VerifyTables {
    private VerifyTables() {
    }

    /** A report made without a store. */
    public static void write(VerifyReport report, TableFormat format, Screen screen, Writer out) {
        write(report, List.of(), report.failed(), format, screen, out);
    }

    /** A run with a store: its disputed events too. */
    public static void write(VerifyRun run, TableFormat format, Screen screen, Writer out) {
        write(run.report(), run.disputed(), run.failed(), format, screen, out);
    }

    private static void write(VerifyReport report, List<DisputedCopy> disputed, boolean failed, TableFormat format,
                              Screen screen, Writer out) {
        if (!format.isJson()) {
            Map<String, RowSet> sections = sections(report, failed);
            if (!disputed.isEmpty()) {
                sections.put("disputed events (copies that differ; the one in a verified object is what CloudTrail delivered)",
                        new RowSet(List.of("event_id", "object", "state"), disputed.stream()
                                .map(d -> row(d.eventId(), d.object(), d.state().map(ObjectState::text).orElse("not verified here")))
                                .toList()));
            }
            Sections.write(sections, format, screen, out);
            return;
        }
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        try {
            VerifyJson.write(report, disputed, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.println();
        w.flush();
    }

    static Map<String, RowSet> sections(VerifyReport r, boolean failed) {
        Map<String, RowSet> s = new LinkedHashMap<>();
        s.put("summary", summary(r, failed));
        List<List<Object>> problems = new ArrayList<>();
        for (ObjectResult o : r.objects()) {
            if (o.state() == ObjectState.MODIFIED || o.state() == ObjectState.MISSING) {
                problems.add(row(o.state().text(), S3Location.fileName(o.key()),
                        o.accountId().orElse(null), o.region().orElse(null), o.oldestEventTime().orElse(null),
                        o.newestEventTime().orElse(null), o.detail(), o.path().orElse(null)));
            }
        }
        put(s, "modified and missing log objects", List.of("state", "object", "account_id", "region",
                "oldest_event_time", "newest_event_time", "detail", "path"), problems);
        put(s, "unverified log objects", List.of("account_id", "region", "objects", "first", "last", "detail"),
                unverified(r));
        put(s, "digest chain breaks", List.of("kind", "account_id", "region", "digest", "from", "until", "detail"),
                r.chainBreaks().stream().map(VerifyTables::row).toList());
        put(s, "digest signatures not verified", List.of("digest", "account_id", "region", "digest_end_time",
                        "signature", "detail"),
                r.digests().stream().filter(d -> d.signature() != DigestSignatureState.VERIFIED
                        && d.signature() != DigestSignatureState.NOT_CHECKED).map(VerifyTables::row).toList());
        put(s, "delivery gaps", List.of("account_id", "region", "from", "until", "near_events"),
                r.gaps().stream().map(VerifyTables::row).toList());
        put(s, "unreadable inputs", List.of("problem"), r.problems().stream().map(p -> row(p)).toList());
        return s;
    }

    private static RowSet summary(VerifyReport r, boolean failed) {
        Map<DigestSignatureState, Long> sig = new EnumMap<>(DigestSignatureState.class);
        r.digests().forEach(d -> sig.merge(d.signature(), 1L, Long::sum));
        String sigDetail = sig.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().text())
                .collect(Collectors.joining(", "));
        List<List<Object>> rows = List.of(
                row("log objects verified", r.count(ObjectState.VERIFIED), "hash matches its digest"),
                row("log objects modified", r.count(ObjectState.MODIFIED), "hash differs from its digest"),
                row("log objects missing", r.count(ObjectState.MISSING), "listed in a digest, absent"),
                row("log objects unverified", r.count(ObjectState.UNVERIFIED), "present, listed in no digest"),
                row("digests", r.digests().size(), ""),
                row("digest chain breaks", r.chainBreaks().size(), ""),
                row("signatures", r.signatures().text(), sigDetail),
                row("delivery gaps", r.gaps().size(), ""),
                failed ? row("result", "FAILED", "modified, missing, broken or badly signed evidence, or events whose copies differ")
                        : r.nothingVerifiable() ? row("result", "NOT VERIFIED", "no CloudTrail-Digest file in the inputs: "
                                + "download the trail's AWSLogs/<account>/CloudTrail-Digest/ folder too")
                        : row("result", "ok", ""));
        return new RowSet(List.of("check", "result", "detail"), rows);
    }

    /** Unverified objects grouped by account, region and what the digests say about them. */
    private static List<List<Object>> unverified(VerifyReport r) {
        record Group(String account, String region, String detail) {
        }
        Map<Group, List<ObjectResult>> groups = new LinkedHashMap<>();
        for (ObjectResult o : r.withState(ObjectState.UNVERIFIED)) {
            groups.computeIfAbsent(new Group(o.accountId().orElse(null), o.region().orElse(null), o.detail()),
                    g -> new ArrayList<>()).add(o);
        }
        List<List<Object>> rows = new ArrayList<>();
        groups.forEach((g, list) -> {
            List<Instant> times = list.stream().flatMap(o -> o.newestEventTime().stream()).sorted().toList();
            rows.add(row(g.account(), g.region(), list.size(), times.isEmpty() ? null : times.get(0),
                    times.isEmpty() ? null : times.get(times.size() - 1), g.detail()));
        });
        return rows;
    }

    private static List<Object> row(ChainBreak b) {
        return row(b.kind().text(), b.accountId().orElse(null), b.region().orElse(null), S3Location.fileName(b.digest()),
                b.from().orElse(null),
                b.until().orElse(null), b.detail());
    }

    private static List<Object> row(DigestCheck d) {
        return row(S3Location.fileName(d.key()), d.accountId(), d.region().orElse(null), d.end(), d.signature().text(),
                d.detail());
    }

    private static List<Object> row(DeliveryGap g) {
        return row(g.accountId(), g.region(), g.from(), g.until(),
                String.join("; ", g.nearEvents()));
    }

    private static void put(Map<String, RowSet> s, String name, List<String> columns, List<List<Object>> rows) {
        if (!rows.isEmpty()) {
            s.put(name, new RowSet(columns, rows));
        }
    }


    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}

package io.trailsift.bench;

import io.trailsift.detect.Detector;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleLoader;
import io.trailsift.lineage.Lineage;
import io.trailsift.pivot.Timeline;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreStats;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The query side on a large store: {@code hunt} with the whole rule pack, {@code key} with its
 * lineage, {@code timeline --follow} and {@code stats}, in-process (a cold run, then a warm
 * one) and through the launcher (a fresh JVM, as a responder runs them). Prints the times and flags the performance issue's targets that were
 * missed. Usage: {@code QueryBenchmark STORE [ACCESS_KEY] [--skip-hunt]} (run from the repository root); the
 * default key is the one that issued the most credentials.
 */
public final class QueryBenchmark {
    private QueryBenchmark() {
    }

    @FunctionalInterface
    private interface Query {
        long run(EventStore store) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        List<String> rest = List.of(args).subList(1, args.length);
        boolean hunt = !rest.contains("--skip-hunt");
        rest = rest.stream().filter(a -> !a.equals("--skip-hunt")).toList();
        String key;
        long events;
        try (EventStore store = EventStore.openReadOnly(db)) {
            key = rest.isEmpty() ? busiestIssuer(store) : rest.get(0);
            events = store.eventCount();
        }
        System.out.printf(Locale.ROOT, "store %s: %d events; key %s%n%n", db, events, key);
        System.out.printf("%-26s %10s %10s %12s %8s%n", "query", "cold s", "warm s", "launcher s", "rows");
        if (hunt) {
            report("hunt (whole pack)", 30, db, s -> {
                HuntResult r = Detector.run(s, RuleLoader.load(Optional.empty()).rules());
                return r.findings().size();
            }, List.of("hunt", "--format", "jsonl"));
        }
        report("key (lineage)", 1, db, s -> Lineage.descendants(s, key).nodes().size(),
                List.of("key", key, "--format", "json"));
        report("timeline --follow", 1, db, s -> Timeline.query(s, TimelineFilter.none().withKey(key, true)).rows().size(),
                List.of("timeline", "--key", key, "--follow", "--format", "jsonl"));
        report("stats", 2, db, s -> StoreStats.of(s).size(), List.of("stats", "--format", "json"));
    }

    private static String busiestIssuer(EventStore store) throws Exception {
        try (Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT access_key_id FROM events WHERE issued_access_key_id IS NOT NULL "
                     + "AND error_code IS NULL AND access_key_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("no key issued any credential in this store: pass one");
            }
            return rs.getString(1);
        }
    }

    private static void report(String name, double targetSeconds, Path db, Query query, List<String> cli) throws Exception {
        double[] times = new double[2];
        long rows = 0;
        try (EventStore store = EventStore.openReadOnly(db)) {
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                rows = query.run(store);
                times[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        List<String> command = new java.util.ArrayList<>(List.of("./trailsift"));
        command.addAll(cli);
        command.addAll(List.of("--db", db.toAbsolutePath().toString()));
        MeasuredProcess launched = MeasuredProcess.run(command, Path.of("."));
        System.out.printf(Locale.ROOT, "%-26s %10.2f %10.2f %12.2f %8d%s%n", name, times[0], times[1], launched.seconds(),
                rows, times[1] > targetSeconds ? "   MISSED target " + targetSeconds + " s" : "");
    }
}

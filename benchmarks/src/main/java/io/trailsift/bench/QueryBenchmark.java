package io.trailsift.bench;

import io.trailsift.Case;
import io.trailsift.pivot.TimelineFilter;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The query side on a large store: {@code hunt} with the whole rule pack, {@code key} with its
 * lineage, {@code timeline --follow} and {@code stats}, in-process (a cold run, then a warm
 * one) and through the launcher (a fresh JVM, as a responder runs them). Prints the times and
 * flags a target of the performance issue that the cold or the warm run missed (the launcher's
 * start-up is printed, not judged). Usage: {@code QueryBenchmark STORE [ACCESS_KEY...] [--skip-hunt]} (run from the repository root);
 * without keys, {@code key} and {@code timeline --follow} run for two: the key that issued the
 * most credentials (the widest tree) and the key that made the most calls (the most events).
 */
public final class QueryBenchmark {
    private QueryBenchmark() {
    }

    @FunctionalInterface
    private interface Query {
        long run(Case c) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        List<String> rest = List.of(args).subList(1, args.length);
        boolean hunt = !rest.contains("--skip-hunt");
        rest = rest.stream().filter(a -> !a.equals("--skip-hunt")).toList();
        List<String> keys;
        long events;
        try (Case c = Case.openReadOnly(db)) {
            keys = rest.isEmpty() ? List.of(busiest(c, ISSUER), busiest(c, CALLER)) : rest;
            events = (Long) c.sql("SELECT count(*) FROM events").rows().get(0).get(0);
        }
        System.out.printf(Locale.ROOT, "store %s: %d events; keys %s%n%n", db, events, String.join(", ", keys));
        System.out.printf("%-32s %10s %10s %12s %8s%n", "query", "cold s", "warm s", "launcher s", "rows");
        if (hunt) {
            // a read-only case runs the rules without keeping their findings
            report("hunt (whole pack)", 30, db, c -> c.hunt(Case.rules(Optional.empty()).rules()).findings().size(),
                    List.of("hunt", "--format", "jsonl"));
        }
        for (String key : keys) {
            String tag = " " + key.substring(0, 8) + "…";
            report("key" + tag, 1, db, c -> c.lineage(key).nodes().size(),
                    List.of("key", key, "--format", "json"));
            report("timeline --follow" + tag, 1, db, c -> c.timeline(TimelineFilter.none().withKey(key, true)).size(),
                    List.of("timeline", "--key", key, "--follow", "--format", "jsonl"));
        }
        report("stats", 2, db, c -> c.stats().size(), List.of("stats", "--format", "json"));
    }

    private static final String ISSUER = "SELECT access_key_id FROM events WHERE issued_access_key_id IS NOT NULL "
            + "AND error_code IS NULL AND access_key_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";
    private static final String CALLER = "SELECT access_key_id FROM events WHERE access_key_id IS NOT NULL "
            + "AND access_key_id <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";

    private static String busiest(Case c, String sql) {
        List<List<Object>> rows = c.sql(sql).rows();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no key in this store: pass one");
        }
        return (String) rows.get(0).get(0);
    }

    private static void report(String name, double targetSeconds, Path db, Query query, List<String> cli) throws Exception {
        double[] times = new double[2];
        long rows = 0;
        try (Case c = Case.openReadOnly(db)) {
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                rows = query.run(c);
                times[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        List<String> command = new java.util.ArrayList<>(List.of("./trailsift"));
        command.addAll(cli);
        command.addAll(List.of("--db", db.toAbsolutePath().toString()));
        MeasuredProcess launched = MeasuredProcess.run(command, Path.of("."));
        System.out.printf(Locale.ROOT, "%-32s %10.2f %10.2f %12.2f %8d%s%n", name, times[0], times[1], launched.seconds(),
                rows, Math.max(times[0], times[1]) > targetSeconds ? "   MISSED target " + targetSeconds + " s" : "");
    }
}

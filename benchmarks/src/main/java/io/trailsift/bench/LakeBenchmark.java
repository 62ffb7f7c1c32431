package io.trailsift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Parquet lake against the store, in one run (issue 18): {@code ingest --lake} against
 * {@code ingest} into a store and against DuckDB's own {@code read_json}; then {@code hunt},
 * {@code key} and {@code timeline} on the lake against the same commands on the store, with a
 * check that both give the same findings; the time to pull the whole lake into a store
 * ({@code ingest --from-lake}); then what each holds on disk against the gzipped input.
 * Contenders take turns (store, lake, store, lake...) and each ratio is taken within a turn: this
 * machine's speed drifts over minutes, and a ratio is only fair between runs made close together.
 * Flags the targets that were missed (lake ingest at least 1.3x the store's rate, peak RSS
 * under 1.5 GB).
 *
 * <p>Usage, from the repository root after {@code mvn -B -DskipTests package}:
 * {@code java -cp benchmarks/target/benchmarks.jar io.trailsift.bench.LakeBenchmark CORPUS WORK_DIR [--runs N]
 * [--skip read_json,hunt-lake,from-lake]}. WORK_DIR must be outside the repository; it ends holding
 * WORK_DIR/lake and WORK_DIR/store.duckdb. {@code --skip} leaves out the contenders that take hours
 * on 100M events and say nothing about size: {@code read_json} (it needs the whole corpus in memory),
 * the lake's {@code hunt} and the whole-lake {@code ingest --from-lake}, both measured on 10M.
 */
public final class LakeBenchmark {
    private static final double TARGET_RATIO = 1.3;
    private static final long TARGET_RSS = 1_500_000_000L;
    private static final Set<String> SKIPPABLE = Set.of("read_json", "hunt-lake", "from-lake");

    private LakeBenchmark() {
    }

    /** One measured command. */
    private record Run(String name, MeasuredProcess process) {
        double seconds() {
            return process.seconds();
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(List.of(args));
        int runs = 2;
        int flag = positional.indexOf("--runs");
        if (flag >= 0) {
            runs = Integer.parseInt(positional.get(flag + 1));
            positional.subList(flag, flag + 2).clear();
        }
        Set<String> skipped = new HashSet<>();
        flag = positional.indexOf("--skip");
        if (flag >= 0) {
            skipped.addAll(List.of(positional.get(flag + 1).split(",")));
            positional.subList(flag, flag + 2).clear();
            if (!SKIPPABLE.containsAll(skipped)) {
                throw new IllegalArgumentException("--skip takes some of " + SKIPPABLE + ", not " + skipped);
            }
        }
        Path corpus = Path.of(positional.get(0)).toAbsolutePath();
        Path work = Path.of(positional.get(1)).toAbsolutePath();
        Files.createDirectories(work);
        Path store = work.resolve("store.duckdb");
        Path lake = work.resolve("lake");
        long gzBytes = bytes(corpus);
        System.out.printf(Locale.ROOT, "corpus %s: %.1f MB, %d round(s), load %s%n", corpus, gzBytes / 1e6, runs, load());

        List<Run[]> ingests = new ArrayList<>();
        for (int round = 1; round <= runs; round++) {
            Files.deleteIfExists(store);
            Files.deleteIfExists(Path.of(store + ".wal"));
            Run toStore = measured("ingest (store)", "ingest", corpus.toString(), "--db", store.toString(), "--json");
            deleteTree(lake);
            Run toLake = measured("ingest --lake", "ingest", corpus.toString(), "--lake", lake.toString(), "--json");
            ingests.add(new Run[] {toStore, toLake});
            long events = eventsStored(toLake);
            table("ingest round " + round + " (load " + load() + ")", events, toStore, toLake);
        }
        Run[] last = ingests.get(ingests.size() - 1);
        long events = eventsStored(last[1]);
        Optional<Run> readJson = Optional.empty();
        if (!skipped.contains("read_json")) {
            Path baselineDb = work.resolve("read_json.duckdb");
            Files.deleteIfExists(baselineDb);
            Run baseline = new Run("DuckDB read_json", MeasuredProcess.run(List.of(java(), "-cp",
                    System.getProperty("java.class.path"), ReadJsonBaseline.class.getName(), corpus.toString(),
                    baselineDb.toString()), Path.of(".")));
            check(baseline);
            Files.deleteIfExists(baselineDb);
            table("against read_json", events, baseline, last[1]);
            readJson = Optional.of(baseline);
        }

        double ratio = median(ingests, r -> r[0].seconds() / r[1].seconds());
        double cpuRatio = median(ingests, r -> r[0].process().cpuSeconds() / r[1].process().cpuSeconds());
        long lakeRss = ingests.stream().mapToLong(r -> r[1].process().peakRssBytes()).max().orElseThrow();
        System.out.printf(Locale.ROOT, "%ningest --lake / ingest (store), events/s, median of %d: %.2fx (%s)%s%n", runs,
                ratio, listed(ingests, r -> r[0].seconds() / r[1].seconds()),
                ratio < TARGET_RATIO ? "   MISSED target " + TARGET_RATIO + "x" : "");
        System.out.printf(Locale.ROOT, "CPU per event, store / lake, median: %.2fx%n", cpuRatio);
        readJson.ifPresent(baseline -> System.out.printf(Locale.ROOT, "ingest --lake / DuckDB read_json: %.2fx%n",
                baseline.seconds() / last[1].seconds()));
        System.out.printf(Locale.ROOT, "ingest --lake peak RSS: %.0f MB%s%n", lakeRss / 1e6,
                lakeRss > TARGET_RSS ? "   MISSED target 1500 MB" : "");

        if (skipped.contains("hunt-lake")) {
            table("hunt (load " + load() + ")", events, measured("hunt (store)", "hunt", "--db", store.toString(),
                    "--format", "jsonl"));
        } else {
            huntBoth(store, lake, runs, events);
        }
        if (!skipped.contains("from-lake")) {
            // the way to many rule runs over one lake: pull it (or a slice) into a store once
            Path pulled = work.resolve("pulled.duckdb");
            Files.deleteIfExists(pulled);
            Run pull = measured("ingest --from-lake", "ingest", "--from-lake", lake.toString(), "--db",
                    pulled.toString(), "--json");
            table("lake into a store", events, pull);
            Files.deleteIfExists(pulled);
        }

        String key = busiestKey(store);
        for (String[] command : List.of(new String[] {"key", key}, new String[] {"timeline", "--key", key, "--follow",
                "--format", "jsonl"})) {
            Run onStore = measured(command[0] + " (store)", concat(command, "--db", store.toString()));
            Run onLake = measured(command[0] + " --lake", concat(command, "--lake", lake.toString()));
            table(String.join(" ", command), events, onStore, onLake);
        }

        System.out.printf(Locale.ROOT, "%non disk, against %.1f MB gzipped input:%n", gzBytes / 1e6);
        System.out.printf(Locale.ROOT, "  store            %8.1f MB%n", Files.size(store) / 1e6);
        for (String part : List.of("events", "objects", "fingerprints", "conflicts", "call_counts", "derived")) {
            Path dir = lake.resolve(part);
            if (Files.exists(dir)) {
                System.out.printf(Locale.ROOT, "  lake/%-12s %8.1f MB in %d files%n", part, bytes(dir) / 1e6, files(dir));
            }
        }
    }

    private static void huntBoth(Path store, Path lake, int runs, long events) throws IOException, InterruptedException {
        List<Run[]> hunts = new ArrayList<>();
        for (int round = 1; round <= runs; round++) {
            Run onStore = measured("hunt (store)", "hunt", "--db", store.toString(), "--format", "jsonl");
            Run onLake = measured("hunt --lake", "hunt", "--lake", lake.toString(), "--format", "jsonl");
            hunts.add(new Run[] {onStore, onLake});
            table("hunt round " + round + " (load " + load() + ")", events, onStore, onLake);
            System.out.println(onStore.process().stdout().equals(onLake.process().stdout())
                    ? "same findings on store and lake (" + onStore.process().stdout().lines().count() + " lines)"
                    : "FINDINGS DIFFER between store and lake");
        }
        System.out.printf(Locale.ROOT, "hunt --lake / hunt (store), time, median: %.2fx%n",
                median(hunts, r -> r[1].seconds() / r[0].seconds()));
    }

    private static Run measured(String name, String... trailsiftArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./trailsift"));
        command.addAll(List.of(trailsiftArgs));
        Run run = new Run(name, MeasuredProcess.run(command, Path.of(".")));
        check(run);
        return run;
    }

    private static void check(Run run) {
        // 1: completed with damaged inputs, as a corpus with planted damage does
        if (run.process().exitCode() > 1) {
            throw new IllegalStateException(run.name() + " exited with " + run.process().exitCode());
        }
    }

    private static void table(String title, long events, Run... runs) {
        System.out.printf("%n%-28s %10s %12s %10s %12s%n", title, "seconds", "events/s", "CPU s", "peak RSS MB");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "%-28s %10.2f %12.0f %10.1f %12.0f%n", r.name(), r.seconds(),
                    events / r.seconds(), r.process().cpuSeconds(), r.process().peakRssBytes() / 1e6);
        }
    }

    /** The events an ingest stored, from its --json summary. */
    private static long eventsStored(Run ingest) {
        String json = ingest.process().stdout();
        int at = json.indexOf("\"events_stored\":");
        if (at < 0) {
            throw new IllegalStateException(ingest.name() + " printed no summary: " + json);
        }
        int from = at + "\"events_stored\":".length();
        int to = from;
        while (to < json.length() && Character.isDigit(json.charAt(to))) {
            to++;
        }
        return Long.parseLong(json.substring(from, to));
    }

    /** The access key with the most calls: the lineage and timeline a responder would ask for first. */
    private static String busiestKey(Path store) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store, readOnly);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT access_key_id FROM events WHERE access_key_id LIKE 'AKIA%' "
                     + "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")) {
            if (!r.next()) {
                throw new IllegalStateException("the store holds no AKIA key");
            }
            return r.getString(1);
        }
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static double median(List<Run[]> rounds, ToDoubleFunction<Run[]> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        int m = sorted.length / 2;
        return sorted.length % 2 == 0 ? (sorted[m - 1] + sorted[m]) / 2 : sorted[m];
    }

    private static String listed(List<Run[]> rounds, ToDoubleFunction<Run[]> value) {
        return rounds.stream().map(r -> String.format(Locale.ROOT, "%.2f", value.applyAsDouble(r)))
                .collect(Collectors.joining(", "));
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

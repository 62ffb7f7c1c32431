package io.trailsift.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * End-to-end ingest benchmark on one corpus, in one run: the floors (gunzip; gunzip plus a
 * Jackson token pass), DuckDB's own {@code read_json} into the same columns, and
 * {@code ./trailsift ingest}; prints events/s, MB/s, CPU seconds per million events, peak RSS
 * and the ratios, and flags the targets of the performance issue that were missed.
 * Usage: {@code IngestBenchmark CORPUS_DIR [WORK_DIR] [--runs N]} (run from the repository root); with
 * {@code --runs}, {@code read_json} and trailsift take N turns each and the median ratio is judged.
 */
public final class IngestBenchmark {
    private static final JsonFactory JSON = new JsonFactory();

    private IngestBenchmark() {
    }

    /** One measured contender. */
    record Result(String name, long events, double seconds, double cpuSeconds, long peakRssBytes) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(List.of(args));
        int runs = 1;
        int flag = positional.indexOf("--runs");
        if (flag >= 0) {
            runs = Integer.parseInt(positional.get(flag + 1));
            positional.subList(flag, flag + 2).clear();
        }
        Path corpus = Path.of(positional.get(0));
        Path work = Path.of(positional.size() > 1 ? positional.get(1) : "bench-data/work");
        Files.createDirectories(work);
        List<Path> objects = objects(corpus);
        long gzBytes = 0;
        for (Path p : objects) {
            gzBytes += Files.size(p);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "corpus %s: %d objects, %.1f MB gzipped, %d cores, %d round(s)%n", corpus,
                objects.size(), gzBytes / 1e6, threads, runs);

        Floor gunzip = floor(objects, threads, false);
        Floor tokens = floor(objects, threads, true);
        long events = tokens.events;
        System.out.printf(Locale.ROOT, "%d events, %.1f MB of JSON (%.0f bytes/event)%n", events, gunzip.bytes / 1e6,
                (double) gunzip.bytes / events);
        Result gunzipFloor = new Result("floor: gunzip", events, gunzip.seconds, gunzip.cpu, 0);
        Result parseFloor = new Result("floor: gunzip + Jackson tokens", events, tokens.seconds, tokens.cpu, 0);

        // The two contenders take turns, round after round: this machine's speed drifts over
        // minutes, and a ratio is only fair between runs made close together.
        List<Double> ratios = new ArrayList<>();
        // CPU per event, read_json's over trailsift's: both keep both cores busy, so this says how
        // much work each does per event; printed beside the wall-time ratio, not instead of it
        List<Double> cpuRatios = new ArrayList<>();
        Round last = null;
        for (int round = 1; round <= runs; round++) {
            last = round(corpus, work, events);
            ratios.add(last.trailsift().eventsPerSecond() / last.readJson().eventsPerSecond());
            cpuRatios.add(last.readJson().cpuSeconds() / last.trailsift().cpuSeconds());
            System.out.println();
            System.out.printf("%-32s %10s %12s %10s %10s %12s%n", "round " + round, "seconds", "events/s", "gz MB/s",
                    "CPU s/M", "peak RSS MB");
            for (Result r : List.of(gunzipFloor, parseFloor, last.readJson(), last.trailsift())) {
                System.out.printf(Locale.ROOT, "%-32s %10.1f %12.0f %10.1f %10.1f %12s%n", r.name, r.seconds,
                        r.eventsPerSecond(), gzBytes / 1e6 / r.seconds, r.cpuSeconds * 1e6 / r.events,
                        r.peakRssBytes == 0 ? "-" : String.format("%.0f", r.peakRssBytes / 1e6));
            }
            System.out.printf(Locale.ROOT, "trailsift / DuckDB read_json: %.2fx%n", ratios.get(ratios.size() - 1));
        }
        double median = median(ratios);
        Result ts = last.trailsift();
        System.out.printf(Locale.ROOT, "%ntrailsift / DuckDB read_json, median of %d round(s): %.2fx (%s)%s%n", runs,
                median, listed(ratios), median < 1.5 ? "   MISSED target 1.5x" : "");
        System.out.printf(Locale.ROOT, "CPU per event, read_json / trailsift, median: %.2fx (%s)%n", median(cpuRatios),
                listed(cpuRatios));
        System.out.printf(Locale.ROOT, "trailsift / parse floor:      %.2fx%n",
                ts.eventsPerSecond() / parseFloor.eventsPerSecond());
        System.out.printf(Locale.ROOT, "peak RSS: %.0f MB%s%n", ts.peakRssBytes / 1e6,
                ts.peakRssBytes > 1_500_000_000L ? "   MISSED target 1500 MB" : "");
        System.out.printf(Locale.ROOT, "store: %.1f MB for %.1f MB gzipped input (read_json's table: %.1f MB)%s%n",
                last.storeBytes() / 1e6, gzBytes / 1e6, last.readJsonBytes() / 1e6,
                last.storeBytes() > gzBytes ? "   MISSED target <= input" : "");
        System.out.println("trailsift summary: " + last.summary());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        double middle = sorted.get(sorted.size() / 2);
        return sorted.size() % 2 == 0 ? (middle + sorted.get(sorted.size() / 2 - 1)) / 2 : middle;
    }

    private static String listed(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(", "));
    }

    /** One turn of each contender, and what each wrote. */
    private record Round(Result readJson, long readJsonBytes, Result trailsift, long storeBytes, String summary) {
    }

    private static Round round(Path corpus, Path work, long events) throws Exception {
        Path baselineDb = work.resolve("read_json.duckdb");
        MeasuredProcess baseline = MeasuredProcess.run(List.of(java(), "-cp", System.getProperty("java.class.path"),
                ReadJsonBaseline.class.getName(), corpus.toAbsolutePath().toString(), baselineDb.toAbsolutePath().toString()),
                Path.of("."));
        check(baseline, "read_json baseline");
        long baselineSize = Files.size(baselineDb);
        Files.deleteIfExists(baselineDb);

        Path db = work.resolve("trailsift.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
        MeasuredProcess ingest = MeasuredProcess.run(List.of("./trailsift", "ingest", corpus.toAbsolutePath().toString(),
                "--db", db.toAbsolutePath().toString(), "--json"), Path.of("."));
        check(ingest, "trailsift ingest");
        return new Round(
                new Result("DuckDB read_json", events, baseline.seconds(), baseline.cpuSeconds(), baseline.peakRssBytes()),
                baselineSize,
                new Result("trailsift ingest", events, ingest.seconds(), ingest.cpuSeconds(), ingest.peakRssBytes()),
                Files.size(db), ingest.stdout().trim());
    }

    private static void check(MeasuredProcess p, String what) {
        if (p.exitCode() != 0) {
            throw new IllegalStateException(what + " exited with " + p.exitCode() + ": " + p.stdout());
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<Path> objects(Path corpus) throws IOException {
        try (Stream<Path> s = Files.walk(corpus)) {
            return s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList();
        }
    }

    private record Floor(long events, long bytes, double seconds, double cpu) {
    }

    /** Reads every object on {@code threads} threads: gunzip only, or gunzip and walk every token. */
    private static Floor floor(List<Path> objects, int threads, boolean tokens) throws Exception {
        AtomicLong events = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Path p : objects) {
                work.add(pool.submit(() -> {
                    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(p), 65536), 65536)) {
                        if (tokens) {
                            events.addAndGet(countRecords(in));
                        } else {
                            bytes.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Floor(events.get(), bytes.get(), (System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
    }

    /** Objects directly inside the top-level Records array. */
    private static long countRecords(InputStream in) throws IOException {
        long n = 0;
        int depth = 0;
        try (JsonParser p = JSON.createParser(in)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) {
                    if (++depth == 3 && t == JsonToken.START_OBJECT) {
                        n++;
                    }
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
        }
        return n;
    }
}

package io.trailsift.bench.corpus;

import io.trailsift.testkit.Ids;
import io.trailsift.testkit.TrailLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * {@code java -cp benchmarks/target/classes io.trailsift.bench.corpus.GenerateCorpus --events N
 * --out DIR [--seed S] [--threads T] [--profile throughput|org]}: N events as an organization trail's
 * S3 objects (one per account/region/5 minutes). Deterministic: each object has its own seed, so the
 * bytes do not depend on the thread count. Streams: at most two objects per thread are in memory,
 * whatever N is.
 * <ul>
 * <li>{@code throughput} (the default): random background records of six accounts, hundreds to
 *     thousands per object, for the ingest and query benchmarks; its bytes are those of every
 *     earlier benchmark round, and must stay so.</li>
 * <li>{@code org}: a benign-heavy organisation of three accounts over 30 days, every principal with
 *     stable habits, one planted incident in the last week and {@code DIR/answer-key.json}
 *     ({@link OrgCorpus}); the logs are under {@code DIR/AWSLogs}. For measuring the rules' precision.</li>
 * </ul>
 */
public final class GenerateCorpus {
    private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");
    private static final TrailLayout LAYOUT = new TrailLayout("o-b2c3d4e5f6");

    /** What a run wrote. */
    public record Result(int objects, long events, long jsonBytes, long gzipBytes, double seconds) {
        @Override
        public String toString() {
            return String.format("objects %d, events %d, JSON %.1f MB (%.0f bytes/event), gzip %.1f MB (ratio %.1f), %.1f s",
                    objects, events, jsonBytes / 1e6, (double) jsonBytes / events, gzipBytes / 1e6,
                    (double) jsonBytes / gzipBytes, seconds);
        }
    }

    private GenerateCorpus() {
    }

    public static void main(String[] args) throws Exception {
        long events = -1;
        Path out = null;
        long seed = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        String profile = "throughput";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                case "--out" -> out = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--profile" -> profile = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (events <= 0 || out == null || !(profile.equals("throughput") || profile.equals("org"))) {
            System.err.println("usage: GenerateCorpus --events N --out DIR [--seed S] [--threads T] [--profile throughput|org]");
            System.exit(2);
        }
        System.out.println(profile.equals("org") ? OrgCorpus.write(out, events, seed, threads) : write(out, events, seed, threads));
    }

    public static Result write(Path out, long events, long seed, int threads) throws Exception {
        long began = System.nanoTime(); // elapsed time for the report only; the output never sees a clock
        int[] sizes = objectSizes(events, seed);
        CorpusRecords records = new CorpusRecords(seed);
        AtomicLong json = new AtomicLong();
        AtomicLong gz = new AtomicLong();
        try (ObjectQueue queue = new ObjectQueue(threads)) {
            for (int i = 0; i < sizes.length; i++) {
                int object = i;
                queue.submit(() -> writeObject(out, records, seed, object, sizes[object], json, gz));
            }
            queue.finish();
        }
        return new Result(sizes.length, events, json.get(), gz.get(), (System.nanoTime() - began) / 1e9);
    }

    /** Records per object: mostly a few hundred, sometimes thousands, summing to exactly {@code events}. */
    static int[] objectSizes(long events, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Integer> sizes = new ArrayList<>();
        for (long left = events; left > 0; ) {
            int n = 150 + r.nextInt(900) + (r.nextInt(10) == 0 ? r.nextInt(3000) : 0);
            sizes.add((int) Math.min(n, left));
            left -= Math.min(n, left);
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writeObject(Path out, CorpusRecords records, long seed, int object, int size,
                                    AtomicLong json, AtomicLong gz) {
        Ids ids = new Ids(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + object));
        int pairs = CorpusRecords.ACCOUNTS.size() * CorpusRecords.REGIONS.size();
        int account = object % CorpusRecords.ACCOUNTS.size();
        String region = CorpusRecords.REGIONS.get(object / CorpusRecords.ACCOUNTS.size() % CorpusRecords.REGIONS.size());
        Instant window = START.plusSeconds(300L * (object / pairs));
        int[] offsets = new int[size];
        for (int i = 0; i < size; i++) {
            offsets[i] = ids.random().nextInt(300);
        }
        Arrays.sort(offsets);
        StringBuilder sb = new StringBuilder(size * 1600).append("{\"Records\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            records.append(sb, ids, account, region, window.plusSeconds(offsets[i]));
        }
        byte[] content = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        String key = LAYOUT.logKey(CorpusRecords.ACCOUNTS.get(account), region, window.plusSeconds(300), ids.alnum(16));
        writeGzipped(out.resolve(key), content, json, gz);
    }

    /** Writes one log object gzipped, as CloudTrail delivers it, and counts its bytes before and after. */
    static void writeGzipped(Path file, byte[] content, AtomicLong json, AtomicLong gz) {
        try {
            Files.createDirectories(file.getParent());
            CountingStream counted = new CountingStream(Files.newOutputStream(file));
            try (GZIPOutputStream g = new GZIPOutputStream(counted, 64 * 1024)) {
                g.write(content);
            }
            json.addAndGet(content.length);
            gz.addAndGet(counted.count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the compressed bytes on their way to disk. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}

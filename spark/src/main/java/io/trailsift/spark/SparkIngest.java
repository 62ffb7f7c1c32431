package io.trailsift.spark;

import io.trailsift.event.EventFilter;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.ingest.ObjectReading;
import io.trailsift.lake.FingerprintKey;
import io.trailsift.lake.Fingerprints;
import io.trailsift.render.IngestText;
import io.trailsift.spark.CopyJudge.Copy;
import io.trailsift.spark.HadoopInputs.ListedFile;
import io.trailsift.spark.LakeWriteTask.FilePlan;
import io.trailsift.spark.LakeWriteTask.Planned;
import io.trailsift.spark.ObjectSurvey.Known;
import io.trailsift.spark.ObjectSurvey.Role;
import io.trailsift.spark.ObjectSurvey.Seen;
import io.trailsift.spark.ObjectSurvey.SeenObject;
import io.trailsift.spark.ObjectSurvey.SeenProblem;
import io.trailsift.store.ConflictingCopies;
import io.trailsift.store.ObjectRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ingest PATH... --lake DIR} on Spark: the lake the CLI's {@code ingest --lake} writes,
 * with its parser and writer running in the tasks. The driver lists the files (paths and sizes
 * only) and reads the lake's manifest; the events never leave the executors.
 *
 * <p>Dedupe across tasks is what one JVM's in-memory fingerprints cannot do, so the job runs in
 * two passes around a shuffle:
 * <ol>
 *   <li>Each task hashes its files' objects (archives walked as streams) and parses those whose
 *   bytes are new to the task and to the lake (the lake's manifest hashes are broadcast), keeping
 *   per object its manifest row and each row's (id hash, content hash) pair: 16 bytes an event.</li>
 *   <li>Of objects with the same bytes the first in the CLI's reading order (listing order, then
 *   entry in an archive) is chosen; the chosen are numbered in that order after the lake's last
 *   object id, as one CLI thread would number them.</li>
 *   <li>The pairs, and the lake's fingerprint files as pairs with no object, are grouped by id
 *   hash ({@link CopyJudge}): identical copies keep one (the lake's, else the first in reading
 *   order), differing copies are all kept and their id listed. Only the exceptions travel on:
 *   to each file, by a cogroup keyed on the file, never through the driver.</li>
 *   <li>Each task parses its chosen objects again and writes them through analyzer-core's lake
 *   writer, skipping dropped rows and listing disputed ids, committing as the CLI commits and
 *   moving each commit into the lake manifest first ({@link HadoopLake}).</li>
 * </ol>
 * Parsing twice costs CPU; holding every task's events until the shuffle decided would cost
 * their memory or a spill of the events themselves, and pairs are a twentieth of an event.
 */
final class SparkIngest {
    private static final String USAGE = "usage: spark-submit trailsift-spark.jar ingest PATH... --lake DIR "
            + "[--since TIME] [--until TIME] [--account ID,...] [--region REGION,...]";
    /** Input bytes per pass-1 task at most: a task keeps its objects' pairs (16 bytes an event) until the pass ends. */
    private static final long BYTES_PER_TASK = 32L << 20;
    private static final Set<String> OPTIONS = Set.of("--lake", "--since", "--until", "--account", "--region");

    private SparkIngest() {
    }

    static int run(SparkSession spark, String[] args) {
        List<String> paths = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (OPTIONS.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else if (args[i].startsWith("-")) {
                return usage("unknown option " + args[i]);
            } else {
                paths.add(args[i]);
            }
        }
        String lake = options.get("--lake");
        if (paths.isEmpty() || lake == null) {
            return usage("give the files, folders or archives to read (PATH...) and --lake DIR");
        }
        IngestSummary summary;
        try {
            summary = ingest(spark, paths, lake, scope(options, Instant.now()));
        } catch (IllegalArgumentException | HadoopInputs.Missing e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            System.err.println("trailsift-spark ingest: " + e.getMessage());
            return 3;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        IngestText.summary(summary, lake, out);
        return summary.damagedObjects().isEmpty() ? 0 : 1;
    }

    /** The events the options keep, as the CLI's ingest reads the same options (relative times back from {@code now}). */
    private static EventFilter scope(Map<String, String> options, Instant now) {
        return EventFilter.of(Optional.ofNullable(options.get("--since")).map(t -> EventFilter.parseTime(t, now)),
                Optional.ofNullable(options.get("--until")).map(t -> EventFilter.parseTime(t, now)),
                listed(options.get("--account")), listed(options.get("--region")));
    }

    private static Set<String> listed(String commaSeparated) {
        return commaSeparated == null ? Set.of() : Set.of(commaSeparated.split(","));
    }

    private static int usage(String problem) {
        System.err.println("trailsift-spark ingest: " + problem + "\n" + USAGE);
        return 2;
    }

    /** Reads {@code inputs} into the lake at {@code lakeRoot} (any Hadoop URI); returns what the run did. */
    static IngestSummary ingest(SparkSession spark, List<String> inputs, String lakeRoot) throws IOException, HadoopInputs.Missing {
        return ingest(spark, inputs, lakeRoot, EventFilter.ALL);
    }

    /** The same, keeping the events {@code scope} keeps and opening only objects whose paths can hold them. */
    static IngestSummary ingest(SparkSession spark, List<String> inputs, String lakeRoot, EventFilter scope)
            throws IOException, HadoopInputs.Missing {
        long started = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<ListedFile> files = HadoopInputs.list(inputs, conf);
        HadoopLake lake = new HadoopLake(lakeRoot);
        lake.recover(conf);
        LakeManifestRows manifest = LakeManifestRows.read(spark, lake, scope.describe(), conf);
        FingerprintKey key = lake.fingerprintKey(conf);
        SerializableConfiguration hadoop = new SerializableConfiguration(conf);
        Broadcast<Map<String, Known>> known = jsc.broadcast(manifest.known());

        long bytes = files.stream().mapToLong(ListedFile::sizeBytes).sum();
        int slices = (int) Math.max(1, Math.min(files.size(), Math.max(2L * jsc.defaultParallelism(), bytes / BYTES_PER_TASK)));
        JavaRDD<Seen> seen = jsc.parallelize(files, slices)
                .mapPartitions(it -> ObjectSurvey.survey(list(it), known.value(), scope, key, hadoop.value()).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<SeenObject> read = seen.filter(s -> s instanceof SeenObject o && o.role() == Role.READ).map(s -> (SeenObject) s);
        JavaRDD<SeenObject> objects = seen.filter(s -> s instanceof SeenObject).map(s -> ((SeenObject) s).withoutPairs())
                .persist(StorageLevel.MEMORY_AND_DISK());

        // one copy of each distinct object, numbered in reading order after the lake's objects
        JavaRDD<SeenObject> chosen = objects.filter(o -> o.role() == Role.READ)
                .mapToPair(o -> new Tuple2<>(o.sha(), o))
                .reduceByKey((a, b) -> a.position() <= b.position() ? a : b)
                .values()
                .persist(StorageLevel.MEMORY_AND_DISK());
        long firstId = manifest.firstObjectId();
        JavaPairRDD<Integer, Planned> planned = chosen.sortBy(SeenObject::position, true, chosen.getNumPartitions())
                .zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._1().file(), new Planned(t._1().entry(), firstId + t._2(), t._1().sha())));

        JavaPairRDD<Long, Copy> copies = read.flatMapToPair(SparkIngest::copies)
                .union(lakeCopies(jsc, lake, conf, hadoop));
        JavaPairRDD<Integer, CopyJudge.Verdict> verdicts = copies.groupByKey()
                .flatMap(group -> CopyJudge.judge(group._2()).iterator())
                .mapToPair(v -> new Tuple2<>((int) (v.position() >>> 32), v));

        JavaPairRDD<Integer, ListedFile> byIndex = jsc.parallelize(files, slices).mapToPair(f -> new Tuple2<>(f.index(), f));
        JavaRDD<FilePlan> plans = byIndex.cogroup(planned, verdicts, new FileRanges(slices, files.size()))
                .filter(t -> t._2()._2().iterator().hasNext())
                .map(t -> new FilePlan(t._2()._1().iterator().next(), list(t._2()._2().iterator()), list(t._2()._3().iterator())));
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        List<LakeWriteTask.Written> written = plans
                .mapPartitions(it -> List.of(LakeWriteTask.write(list(it), lake, run + "s" + TaskContext.getPartitionId(),
                        scope, key, hadoop.value())).iterator())
                .collect();

        IngestSummary summary = summary(seen, objects, chosen, known.value(), written, started);
        seen.unpersist();
        objects.unpersist();
        chosen.unpersist();
        known.destroy();
        // after the commits, as the CLI: not counted in the run's time, which is the reading's
        SparkDerivedTables.refresh(spark, lake, conf);
        return summary;
    }

    /** The pairs of a parsed object as copies to judge (rows without an eventID are never compared). */
    private static Iterator<Tuple2<Long, Copy>> copies(SeenObject o) {
        List<Tuple2<Long, Copy>> out = new ArrayList<>();
        long[] pairs = o.pairs();
        for (int row = 0; row < pairs.length / 2; row++) {
            if (pairs[2 * row] != 0) {
                out.add(new Tuple2<>(pairs[2 * row], new Copy(pairs[2 * row + 1], o.position(), row)));
            }
        }
        return out.iterator();
    }

    /** The lake's fingerprint files, read in tasks, as copies that are already kept. */
    private static JavaPairRDD<Long, Copy> lakeCopies(JavaSparkContext jsc, HadoopLake lake, Configuration conf,
                                                      SerializableConfiguration hadoop) throws IOException {
        List<String> prints = lake.committedFiles(conf, "fingerprints", ".bin").stream()
                .map(f -> f.getPath().toString()).toList();
        if (prints.isEmpty()) {
            return JavaPairRDD.fromJavaRDD(jsc.emptyRDD());
        }
        return jsc.parallelize(prints, Math.max(1, Math.min(prints.size(), jsc.defaultParallelism() * 2)))
                .flatMapToPair(uri -> {
                    Path path = new Path(uri);
                    var fs = HadoopInputs.fileSystem(path.toUri(), hadoop.value());
                    FileStatus status = fs.getFileStatus(path);
                    List<Tuple2<Long, Copy>> out = new ArrayList<>();
                    try (FSDataInputStream in = fs.open(path)) {
                        Fingerprints.readPairs(in, status.getLen(),
                                (id, content) -> out.add(new Tuple2<>(id, new Copy(content, CopyJudge.IN_LAKE, 0))));
                    }
                    return out.iterator();
                });
    }

    /** What the run did, counted as the CLI counts it. */
    private static IngestSummary summary(JavaRDD<Seen> seen, JavaRDD<SeenObject> objects, JavaRDD<SeenObject> chosen,
                                         Map<String, Known> known, List<LakeWriteTask.Written> written, long started) {
        List<IngestSummary.DamagedObject> damaged = new ArrayList<>();
        List<IngestSummary.SkippedObject> notRead = new ArrayList<>();
        long skipped = 0;
        for (Seen s : seen.filter(s -> s instanceof SeenProblem).collect()) {
            SeenProblem p = (SeenProblem) s;
            ObjectReading.damage(p.problem()).ifPresent(damaged::add);
            if (ObjectReading.notRead(p.problem()).isPresent()) {
                notRead.add(ObjectReading.notRead(p.problem()).get());
                skipped++;
            }
        }
        long inLake = 0;
        for (SeenObject o : objects.filter(o -> o.role() == Role.KNOWN).collect()) {
            Known k = known.get(o.sha());
            ObjectRecord earlier = new ObjectRecord(0, o.path(), o.sizeBytes(), o.sha(), "", k.records(),
                    ObjectRecord.Status.valueOf(k.status()), java.util.Optional.ofNullable(k.error()), "");
            ObjectReading.earlierDamage(o.path(), earlier).ifPresent(damaged::add);
            inLake++;
        }
        long eventsRead = 0;
        long chosenCount = 0;
        for (SeenObject o : chosen.collect()) {
            ObjectRecord r = o.record(0, "");
            ObjectReading.damage(r).ifPresent(damaged::add);
            ObjectReading.notRead(r).ifPresent(notRead::add);
            if (r.status() == ObjectRecord.Status.SKIPPED) {
                skipped++;
            }
            eventsRead += o.rows();
            chosenCount++;
        }
        long outside = objects.filter(o -> o.role() == Role.OUTSIDE).count();
        long alreadyIngested = inLake + objects.filter(o -> o.role() == Role.COPY || o.role() == Role.READ).count() - chosenCount;
        long stored = written.stream().mapToLong(LakeWriteTask.Written::rows).sum();
        Map<String, TreeSet<String>> disputed = new TreeMap<>();
        written.forEach(w -> w.disputed().forEach(d -> disputed.computeIfAbsent(d.eventId(), k -> new TreeSet<>()).add(d.path())));
        List<ConflictingCopies> conflicts = disputed.entrySet().stream()
                .map(e -> new ConflictingCopies(e.getKey(), List.copyOf(e.getValue()))).toList();
        damaged.sort(Comparator.comparing(IngestSummary.DamagedObject::path));
        notRead.sort(Comparator.comparing(IngestSummary.SkippedObject::path));
        return new IngestSummary(seen.count(), eventsRead, stored, conflicts, damaged, notRead, skipped + outside + alreadyIngested,
                alreadyIngested, (System.nanoTime() - started) / 1e9);
    }

    private static <T> List<T> list(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The lake's manifest as the job needs it: the objects it holds by hash, and the next object id. */
    record LakeManifestRows(Map<String, Known> known, long firstObjectId) {
        /** {@code filter}: the run's filter as the manifest spells it; objects read under another are read again, as by the CLI. */
        static LakeManifestRows read(SparkSession spark, HadoopLake lake, String filter, Configuration conf) throws IOException {
            if (lake.committedFiles(conf, "objects", ".parquet").isEmpty()) {
                return new LakeManifestRows(Map.of(), 1);
            }
            List<Row> rows = spark.read().parquet(lake.folder("objects").toString())
                    .selectExpr("object_id", "sha256", "filter", "status", "error", "records")
                    .orderBy("object_id").collectAsList();
            Map<String, Known> known = new HashMap<>();
            long max = 0;
            for (Row r : rows) {
                max = Math.max(max, r.getLong(0));
                if (!r.isNullAt(1) && (r.getString(2).isEmpty() || r.getString(2).equals(filter))) {
                    known.putIfAbsent(r.getString(1), new Known(r.getString(3).toUpperCase(java.util.Locale.ROOT),
                            r.isNullAt(4) ? null : r.getString(4), r.getLong(5)));
                }
            }
            return new LakeManifestRows(known, max + 1);
        }
    }
}

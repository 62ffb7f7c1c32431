package io.trailsift.spark;

import io.trailsift.event.EventColumn;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.LakePaths;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A trailsift lake (the README's lake contract) seen by Spark SQL, on any Hadoop file system:
 * {@code lake_events} (every copy of every event, with the store's columns and types: account ids
 * as text, as the partition folders spell them, times as UTC TIMESTAMP), the view {@code events}
 * the rules read (one copy of each disputed event per {@link #show pass}, as the DuckDB
 * {@code CopyPasses} shows them), and the derived tables an ingest keeps in {@code derived/}.
 *
 * <p>The derived tables are read, not computed again: an ingest (the CLI's, or the Spark job's,
 * {@link SparkDerivedTables}) takes them when it commits, from the same SQL the store uses, so the
 * baselines are the DuckDB engine's to the row. They are used only when {@code derived/generation}
 * names the lake's present state; otherwise the helpers that read them are missing and the rules
 * that need them are reported as skipped.
 */
final class SparkLake {
    static final String ALL_EVENTS = "lake_events";
    /** The folder of the lookup tables. */
    static final String DERIVED = "derived";
    private static final String CONFLICTS = "event_conflicts";

    private final SparkSession spark;
    private final Path root;
    private final FileSystem fs;
    private final boolean derivedCurrent;
    private final int passes;

    private SparkLake(SparkSession spark, Path root, FileSystem fs) throws IOException {
        this.spark = spark;
        this.root = root;
        this.fs = fs;
        // Kept (in memory, else on local disk) once read: every rule scans the events, most several times.
        events(spark, fs, root).persist().createOrReplaceTempView(ALL_EVENTS);
        this.derivedCurrent = derivedAreCurrent(fs, root);
        if (derivedCurrent) {
            for (String table : DerivedTables.names()) {
                utcTimes(spark.read().parquet(new Path(new Path(root, DERIVED), table + ".parquet").toString()))
                        .createOrReplaceTempView(table);
            }
        }
        this.passes = registerConflicts();
        registerObjects();
    }

    static SparkLake open(SparkSession spark, String lake) {
        try {
            Path root = new Path(lake);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.isDirectory(new Path(root, "objects"))) {
                throw new IllegalArgumentException(lake + " is not a trailsift lake (no objects/ folder)");
            }
            return new SparkLake(spark, fs.makeQualified(root), fs);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the lake " + lake, e);
        }
    }

    /** The lake's derived tables are those of its present events (see the class comment). */
    boolean derivedCurrent() {
        return derivedCurrent;
    }

    /** How many passes the rules need: the most copies a disputed event has, at least one. */
    int passes() {
        return passes;
    }

    /** Makes {@code events} show every undisputed event and the {@code pass}-th copy (1-based) of each disputed one. */
    void show(int pass) {
        if (passes == 1) {
            spark.sql("CREATE OR REPLACE TEMP VIEW events AS SELECT * FROM " + ALL_EVENTS);
            return;
        }
        // pass is a loop counter; no value from the logs is in this text
        spark.sql("CREATE OR REPLACE TEMP VIEW events AS SELECT e.* FROM " + ALL_EVENTS + " e "
                + "LEFT JOIN (SELECT event_id, object_id, row_number() OVER (PARTITION BY event_id ORDER BY object_id) AS k "
                + "FROM " + CONFLICTS + ") c ON c.event_id = e.event_id AND c.k = " + pass + " "
                + "WHERE e.event_id NOT IN (SELECT event_id FROM " + CONFLICTS + ") OR e.object_id = c.object_id");
    }

    /** The store's events columns, in order, with its types; account_id and event_date as the partition folders spell them. */
    static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (EventColumn c : EventColumn.all()) {
            fields.add(DataTypes.createStructField(c.sqlName(), type(c), true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(EventColumn c) {
        return switch (c.type()) {
            case TIMESTAMP -> DataTypes.TimestampType;
            case BOOLEAN -> DataTypes.BooleanType;
            case OBJECT_REF -> DataTypes.LongType;
            default -> DataTypes.StringType;
        };
    }

    /**
     * DuckDB writes the derived tables' plain TIMESTAMPs (UTC by the store's convention) without the
     * UTC flag, which Spark reads as local date-times (timestamp_ntz): typed as the events' times
     * here, the session being UTC.
     */
    private static Dataset<Row> utcTimes(Dataset<Row> table) {
        Dataset<Row> out = table;
        for (StructField f : table.schema().fields()) {
            if (f.dataType() == DataTypes.TimestampNTZType) {
                out = out.withColumn(f.name(), out.col(f.name()).cast(DataTypes.TimestampType));
            }
        }
        return out;
    }

    /** Every copy of every event of the lake at {@code root}, with the store's columns and types (no rows when it has none). */
    static Dataset<Row> events(SparkSession spark, FileSystem fs, Path root) throws IOException {
        Path events = new Path(root, "events");
        Dataset<Row> rows;
        if (hasParquet(fs, events, true)) {
            // Partition values stay text: an account id is 12 digits with meaningful leading zeros
            // (LIBRARY-NOTES), and the explicit schema types them as the store does.
            spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
            StructType read = schema().add("event_date", DataTypes.StringType);
            rows = spark.read().schema(read).option("basePath", events.toString())
                    .parquet(new Path(events, "*/*/*.parquet").toString());
        } else {
            rows = spark.createDataFrame(List.of(), schema());
        }
        return rows.selectExpr(EventColumn.all().stream().map(EventColumn::sqlName).toArray(String[]::new));
    }

    /** The manifest, as the store's {@code objects} table (the rule on disputed copies names their objects). */
    private void registerObjects() throws IOException {
        Path objects = new Path(root, "objects");
        Dataset<Row> rows = hasParquet(fs, objects, false)
                ? utcTimes(spark.read().parquet(new Path(objects, "*.parquet").toString()))
                : spark.sql("SELECT CAST(NULL AS BIGINT) AS object_id, '' AS path, CAST(NULL AS BIGINT) AS size_bytes, "
                + "CAST(NULL AS STRING) AS sha256, '' AS kind, CAST(0 AS BIGINT) AS records, '' AS status, "
                + "CAST(NULL AS STRING) AS error, '' AS filter, CAST(NULL AS TIMESTAMP) AS ingested_at WHERE false");
        rows.createOrReplaceTempView("objects");
    }

    /**
     * The disputed events as the DuckDB lake views work them out: one row per distinct content of
     * an id the lake lists as disputed, with the oldest object holding it. Content here is every
     * column but the object, as JSON.
     */
    private int registerConflicts() throws IOException {
        Path conflicts = new Path(root, "conflicts");
        if (!hasParquet(fs, conflicts, false)) {
            // the store's table, empty: the rule that lists disputed copies reads it
            spark.sql("SELECT CAST(NULL AS STRING) AS event_id, CAST(NULL AS BIGINT) AS object_id WHERE false")
                    .createOrReplaceTempView(CONFLICTS);
            return 1;
        }
        spark.read().parquet(new Path(conflicts, "*.parquet").toString()).createOrReplaceTempView("disputed_ids");
        String content = "to_json(struct(" + EventColumn.all().stream().filter(c -> c != EventColumn.OBJECT_ID)
                .map(EventColumn::sqlName).collect(Collectors.joining(", ")) + "))";
        spark.sql("SELECT event_id, min(object_id) AS object_id, count(*) OVER (PARTITION BY event_id) AS copies FROM ("
                        + "SELECT event_id, object_id, " + content + " AS content FROM " + ALL_EVENTS
                        + " WHERE event_id IN (SELECT event_id FROM disputed_ids)) GROUP BY event_id, content")
                .where("copies > 1").drop("copies").cache().createOrReplaceTempView(CONFLICTS);
        Row most = spark.sql("SELECT max(n) FROM (SELECT count(*) AS n FROM " + CONFLICTS + " GROUP BY event_id)").first();
        return most.isNullAt(0) ? 1 : (int) Math.max(1, most.getLong(0));
    }

    /** Whether {@code derived/generation} names the present state of the lake at {@code root}. */
    static boolean derivedAreCurrent(FileSystem fs, Path root) throws IOException {
        Path file = new Path(new Path(root, DERIVED), LakePaths.GENERATION_FILE);
        if (!fs.isFile(file)) {
            return false;
        }
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(generation(fs, root));
        }
    }

    /** The present state of the lake at {@code root}: its committed manifest files' names, as the CLI digests them. */
    static String generation(FileSystem fs, Path root) throws IOException {
        return LakePaths.generation(Arrays.stream(fs.listStatus(new Path(root, "objects")))
                .map(s -> s.getPath().getName()).filter(SparkLake::committedParquet).toList());
    }

    private static boolean hasParquet(FileSystem fs, Path dir, boolean recursive) throws IOException {
        if (!fs.isDirectory(dir)) {
            return false;
        }
        var files = fs.listFiles(dir, recursive);
        while (files.hasNext()) {
            if (committedParquet(files.next().getPath().getName())) {
                return true;
            }
        }
        return false;
    }

    /** Parquet readers pass over names starting with a dot: files still being written. */
    private static boolean committedParquet(String name) {
        return name.endsWith(".parquet") && !name.startsWith(".");
    }
}

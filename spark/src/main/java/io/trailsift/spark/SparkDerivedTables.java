package io.trailsift.spark;

import io.trailsift.lake.LakeLayout;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.LakePaths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The lake's lookup tables ({@code derived/}) taken by the Spark ingest, as the CLI's ingest takes
 * them with DuckDB: the SELECTs of {@link DerivedTables}, translated by {@link SparkDialect}, over
 * every copy of every event or over their summary (a view kept for the three tables that read
 * it); each table one Parquet file {@code derived/<table>.parquet} with the column types DuckDB
 * writes, so that DuckDB's lake views and {@link SparkLake} read the files of either engine alike;
 * then {@code derived/generation}, naming the lake's state they were taken at.
 *
 * <p>Crash safety as the CLI's: {@code generation} is removed first and written last, so a killed
 * job leaves tables that no reader uses; each table is written by Spark into a hidden folder and
 * its one file renamed to the table's name, so no half file ever has that name.
 */
final class SparkDerivedTables {
    /**
     * Columns whose Parquet type is not the type Spark's SELECT gives them: behaviour's events is a
     * sum of counts, a HUGEINT in DuckDB, which DuckDB's Parquet writer stores as DOUBLE.
     */
    private static final Map<String, Map<String, DataType>> DUCKDB_WRITES = Map.of(
            "behaviour", Map.of("events", DataTypes.DoubleType));
    /**
     * What the translated SQL needs of the session while the tables are taken: string literals read
     * raw, as DuckDB reads them (the baselines' regular expressions), and UTC, in which the store's
     * times are written as plain date-times.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "spark.sql.parser.escapedStringLiterals", "true",
            "spark.sql.session.timeZone", "UTC");

    private SparkDerivedTables() {
    }

    /** Takes the tables again unless {@code derived/generation} names the lake's present state (run after the commits). */
    static void refresh(SparkSession spark, HadoopLake lake, Configuration conf) throws IOException {
        FileSystem fs = lake.fileSystem(conf);
        Path root = fs.makeQualified(new Path(lake.root()));
        if (SparkLake.derivedAreCurrent(fs, root)) {
            return;
        }
        String generation = SparkLake.generation(fs, root);
        Path derived = new Path(root, SparkLake.DERIVED);
        fs.mkdirs(derived);
        fs.delete(new Path(derived, LakePaths.GENERATION_FILE), false);
        Map<String, String> before = new HashMap<>();
        SETTINGS.keySet().forEach(k -> before.put(k, spark.conf().get(k, null)));
        SETTINGS.forEach(spark.conf()::set);
        Dataset<Row> summary = null;
        try {
            SparkRuleHelpers.registerBridges(spark);
            SparkLake.events(spark, fs, root).createOrReplaceTempView("events");
            // kept once computed: three of the tables read it
            summary = spark.sql(SparkDialect.translate(DerivedTables.summarySelect())).persist(StorageLevel.MEMORY_AND_DISK());
            summary.createOrReplaceTempView(DerivedTables.SUMMARY);
            for (String table : DerivedTables.names()) {
                write(spark, fs, derived, table);
            }
        } finally {
            spark.catalog().dropTempView(DerivedTables.SUMMARY);
            if (summary != null) {
                summary.unpersist();
            }
            spark.catalog().dropTempView("events");
            // the session's own settings again: the ingest is one command of a session that may run others
            before.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
        try (var out = fs.create(new Path(derived, LakePaths.GENERATION_FILE), true)) {
            out.write(generation.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The Spark SQL of the table named {@code table}: the store's own SELECT, translated (over the summary's view where it reads it). */
    private static String select(String table) {
        return SparkDialect.translate(DerivedTables.selectOverSummary(table));
    }

    private static void write(SparkSession spark, FileSystem fs, Path derived, String table) throws IOException {
        Path staging = new Path(derived, LakeLayout.temporaryName(table + ".parquet"));
        // one writing task: the readers read the table's one file; the SELECT itself runs in parallel before it
        asDuckDbWrites(spark.sql(select(table)), DUCKDB_WRITES.getOrDefault(table, Map.of()))
                .repartition(1).write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(staging.toString());
        FileStatus[] parts = fs.listStatus(staging, p -> p.getName().endsWith(".parquet") && !p.getName().startsWith("."));
        if (parts.length != 1) {
            throw new IOException("Spark wrote " + parts.length + " files for the lookup table " + table + " in " + staging);
        }
        Path file = new Path(derived, table + ".parquet");
        fs.delete(file, false);
        HadoopLake.rename(fs, parts[0].getPath(), file);
        fs.delete(staging, true);
    }

    /**
     * The table with DuckDB's Parquet types: times as plain TIMESTAMP (Spark's timestamp_ntz, the
     * session being UTC), which DuckDB reads as TIMESTAMP and {@link SparkLake} as UTC times, inside
     * structs too; and the columns of {@code retyped} as given.
     */
    private static Dataset<Row> asDuckDbWrites(Dataset<Row> table, Map<String, DataType> retyped) {
        Column[] columns = Arrays.stream(table.schema().fields())
                .map(f -> table.col(f.name()).cast(retyped.getOrDefault(f.name(), plainTimes(f.dataType()))).as(f.name()))
                .toArray(Column[]::new);
        return table.select(columns);
    }

    private static DataType plainTimes(DataType type) {
        if (type instanceof StructType struct) {
            return DataTypes.createStructType(Arrays.stream(struct.fields())
                    .map(f -> new StructField(f.name(), plainTimes(f.dataType()), f.nullable(), f.metadata()))
                    .toArray(StructField[]::new));
        }
        return type == DataTypes.TimestampType ? DataTypes.TimestampNTZType : type;
    }
}

package io.trailsift.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.Case;
import io.trailsift.detect.Finding;
import io.trailsift.detect.FindingJson;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleSet;
import io.trailsift.render.FindingTables;
import io.trailsift.render.Screen;
import io.trailsift.render.TableFormat;
import io.trailsift.testing.Lakes;
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import io.trailsift.triage.RankedFindingJson;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark hunt finds what the DuckDB hunt finds: for the committed sample export and every
 * shared dataset, a store and a lake are written by the CLI's ingest from the same files, the
 * shipped rules run on the store (DuckDB) and on the lake (Spark, one local[2] session for the
 * class), and the findings are the same, every field of them. The rules that cannot run on Spark
 * are exactly {@link #SKIPPED}, so that none can disappear unnoticed.
 */
class SparkHuntTest {
    /** The shipped rules that do not run on Spark, as the README lists them. */
    static final List<String> SKIPPED = List.of("cloudtrail-bucket-lifecycle", "cloudtrail-tampering");

    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        spark.close();
    }

    @Test
    void sampleLogsGiveTheStoresFindingsInTheClisJsonLines() throws Exception {
        Path samples = Path.of("").toAbsolutePath().getParent().resolve("sample-logs");
        Path db = tmp.resolve("samples.duckdb");
        Path lake = tmp.resolve("samples-lake");
        Hunts hunts = sameFindings(samples, db, lake);
        HuntResult store = hunts.store();
        assertTrue(store.findings().size() > 10, store.findings().size() + " findings");

        Path out = tmp.resolve("samples.jsonl");
        SparkHunt.write(spark, hunts.spark().ranking(), out.toString());
        List<JsonNode> written = jsonLines(Files.readString(out));
        StringWriter cli = new StringWriter();
        try (Case c = Case.openReadOnly(db)) {
            FindingTables.write(c.triage(store.findings().stream().filter(f -> !SKIPPED.contains(f.rule())).toList()),
                    TableFormat.JSONL, false, Screen.UNLIMITED, cli);
        }
        List<JsonNode> expected = jsonLines(cli.toString());
        assertEquals(expected.size(), written.size());
        for (JsonNode line : written) {
            assertEquals(RankedFindingJson.FIELDS, fieldNames(line));
        }
        assertEquals(sortedText(expected), sortedText(written));
    }

    @Test
    void everySharedDatasetGivesTheStoresFindings() throws Exception {
        List<Path> datasets = SharedData.allDatasets();
        Assumptions.assumeFalse(datasets.isEmpty(), "../shared/datasets is not present (only in the project's workspace)");
        int findings = 0;
        for (Path dataset : datasets) {
            String name = dataset.getFileName().toString();
            findings += sameFindings(dataset, tmp.resolve(name + ".duckdb"), tmp.resolve(name)).store().findings().size();
        }
        assertTrue(findings > 0, "the datasets raise findings");
    }

    /** The hunt on the store and on the lake. */
    private record Hunts(HuntResult store, SparkHunt.Hunt spark) {
    }

    /** Ingests {@code input} into a store and a lake, hunts both and asserts the same findings. */
    private static Hunts sameFindings(Path input, Path db, Path lake) throws Exception {
        Stores.ingest(db, o -> o.withParserThreads(1), input);
        Lakes.ingest(lake, o -> o.withParserThreads(1), input);
        RuleSet rules = Case.rules(Optional.empty());
        HuntResult store;
        try (Case c = Case.openReadOnly(db)) {
            store = c.hunt(rules.rules());
        }
        assertEquals(List.of(), store.problems(), input + ": every rule runs on DuckDB");
        SparkHunt.Hunt hunt = SparkHunt.hunt(spark, lake.toString(), rules);
        SparkDetector.Result onSpark = hunt.result();
        assertEquals(SKIPPED, onSpark.skipped().stream().map(SparkDetector.Skipped::rule).toList(),
                input + ": skipped on Spark: " + onSpark.skipped());
        List<String> expected = described(store.findings().stream().filter(f -> !SKIPPED.contains(f.rule())).toList());
        assertEquals(expected, described(onSpark.findings()), input.toString());
        return new Hunts(store, hunt);
    }

    /** Every field of every finding, one line each, sorted: rule, event ids, severity, summary and the rest. */
    private static List<String> described(List<Finding> findings) {
        return findings.stream().map(f -> FindingJson.values(f).stream().map(String::valueOf)
                .collect(Collectors.joining(" | "))).sorted().toList();
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(mapper.readTree(line));
            }
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> sortedText(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::toString).sorted().toList();
    }
}

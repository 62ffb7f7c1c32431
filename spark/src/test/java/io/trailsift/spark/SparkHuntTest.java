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
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import io.trailsift.triage.RankedFindingJson;
import org.apache.spark.sql.SparkSession;
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
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark hunt finds what the DuckDB hunt finds: the committed sample export and every shared
 * dataset are written by the CLI's ingest into one store and by the Spark ingest into one lake
 * (its lookup tables too: the baseline rules run on a lake no CLI has touched), the shipped rules and the
 * SigmaHQ pack run on the store (DuckDB) and on the lake (Spark, one local[2] session), and the findings are the same,
 * every field of them, down to the JSON lines `hunt --format jsonl` prints. All inputs go into one
 * hunt because each rule's Spark jobs cost seconds whatever the data's size: a hunt per dataset
 * took minutes of the build. The rules that cannot run on Spark are exactly {@link #SKIPPED}, so
 * that none can disappear unnoticed.
 */
class SparkHuntTest {
    /** The rules that do not run on Spark, as the README lists them (every Sigma rule runs). */
    static final List<String> SKIPPED = List.of("cloudtrail-bucket-lifecycle", "cloudtrail-tampering");

    @TempDir
    static Path tmp;

    private static Path db;
    private static HuntResult store;
    private static SparkDetector.Result onSpark;
    private static String written;

    @BeforeAll
    static void huntBothEngines() throws Exception {
        List<Path> inputs = new ArrayList<>();
        inputs.add(Path.of("").toAbsolutePath().getParent().resolve("sample-logs"));
        inputs.addAll(SharedData.allDatasets());
        db = tmp.resolve("store.duckdb");
        Path lake = tmp.resolve("lake");
        Stores.ingest(db, o -> o.withParserThreads(1), inputs.toArray(Path[]::new));
        RuleSet rules = Case.rules(Optional.empty(), List.of(), List.of("sigmahq"));
        try (Case c = Case.openReadOnly(db)) {
            store = c.hunt(rules.rules());
        }
        try (SparkSession spark = LocalSpark.start()) {
            spark.sparkContext().setLogLevel("ERROR");
            // a cluster whose sessions are not in UTC (here fourteen hours ahead, a day off at most
            // hours): the job sets UTC itself, so days in group keys are the CLI's
            spark.conf().set("spark.sql.session.timeZone", "Pacific/Kiritimati");
            SparkIngest.ingest(spark, inputs.stream().map(Path::toString).toList(), lake.toString());
            SparkHunt.Hunt hunt = SparkHunt.hunt(spark, lake.toString(), rules);
            onSpark = hunt.result();
            Path out = tmp.resolve("findings.jsonl");
            SparkHunt.write(spark, hunt.ranking(), out.toString());
            written = Files.readString(out);
        }
    }

    @Test
    void everyRuleRunsOnDuckDbAndExactlyTheListedOnesAreSkippedOnSpark() {
        assertEquals(List.of(), store.problems(), "every rule runs on DuckDB");
        assertEquals(SKIPPED, onSpark.skipped().stream().map(SparkDetector.Skipped::rule).toList(),
                "skipped on Spark: " + onSpark.skipped());
    }

    @Test
    void theFindingsAreTheStoresEveryFieldOfThem() {
        Set<String> rules = store.findings().stream().map(Finding::rule).collect(Collectors.toSet());
        assertTrue(rules.size() > 5, "the inputs raise findings of several rules: " + rules);
        assertEquals(described(ran(store.findings())), described(onSpark.findings()));
    }

    @Test
    void theJsonLinesAreTheClis() throws Exception {
        StringWriter cli = new StringWriter();
        try (Case c = Case.openReadOnly(db)) {
            FindingTables.write(c.triage(ran(store.findings())), TableFormat.JSONL, false, Screen.UNLIMITED, cli);
        }
        List<JsonNode> expected = jsonLines(cli.toString());
        List<JsonNode> lines = jsonLines(written);
        assertEquals(expected.size(), lines.size());
        for (JsonNode line : lines) {
            assertEquals(RankedFindingJson.FIELDS, fieldNames(line));
        }
        assertEquals(sortedText(expected), sortedText(lines));
    }

    /** The store's findings of the rules that run on Spark. */
    private static List<Finding> ran(List<Finding> findings) {
        return findings.stream().filter(f -> !SKIPPED.contains(f.rule())).toList();
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

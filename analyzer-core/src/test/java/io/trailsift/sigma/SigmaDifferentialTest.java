package io.trailsift.sigma;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.detect.Detector;
import io.trailsift.detect.Finding;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.Rule;
import io.trailsift.detect.RuleLoader;
import io.trailsift.detect.RuleProblem;
import io.trailsift.store.EventStore;
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * For every SigmaHQ CloudTrail rule of the shipped pack and every real dataset in
 * ../shared/datasets, the events the compiled SQL finds (through the detector, as hunt runs it)
 * are exactly those the {@link TreeEvaluator} finds reading the dataset's JSON records itself.
 */
class SigmaDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> compiledSqlAgreesWithTheTreeEvaluator() throws Exception {
        List<Path> datasets = SharedData.allDatasets();
        assumeFalse(datasets.isEmpty(), "../shared/datasets is not present (only in the project's workspace): "
                + "the Sigma differential test was skipped");
        Map<String, SigmaRule> sigma = new HashMap<>();
        for (String file : RuleLoader.readResource("sigma/sigmahq/index.txt").lines().filter(l -> !l.isBlank()).toList()) {
            String source = "sigma/sigmahq/" + file;
            for (SigmaReader.Outcome o : SigmaReader.read(source, RuleLoader.readResource(source))) {
                o.rule().ifPresent(r -> sigma.put(file.replaceFirst("\\.yml$", ""), r));
            }
        }
        List<Rule> compiled = SigmaLoader.pack(SigmaLoader.SIGMAHQ).rules();
        assertEquals(56, compiled.size(), "57 SigmaHQ rules, one of which names a field CloudTrail does not have");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> rulesThatMatched = new TreeSet<>();
        for (Path dataset : datasets) {
            Map<String, List<JsonNode>> records = records(dataset);
            Map<String, Set<String>> found = new HashMap<>();
            try (EventStore store = Stores.filled(tmp.resolve(dataset.getFileName() + ".duckdb"), List.of(dataset))) {
                HuntResult result = Detector.run(store, compiled);
                assertEquals(List.<RuleProblem>of(), result.problems());
                for (Finding f : result.findings()) {
                    found.computeIfAbsent(f.rule(), k -> new TreeSet<>()).addAll(f.eventIds());
                }
                Set<String> stored = new HashSet<>(Stores.column(store, "SELECT event_id FROM events"));
                records.keySet().retainAll(stored);
            }
            assertFalse(records.isEmpty(), "no record of " + dataset + " read by both");
            for (Rule rule : compiled) {
                Detection d = sigma.get(rule.id()).detection().orElseThrow();
                Set<String> expected = new TreeSet<>();
                records.forEach((id, copies) -> {
                    if (copies.stream().anyMatch(r -> TreeEvaluator.matches(d, r))) {
                        expected.add(id);
                    }
                });
                if (!expected.isEmpty()) {
                    rulesThatMatched.add(rule.id());
                }
                Set<String> actual = new TreeSet<>(found.getOrDefault(rule.id(), Set.of()));
                actual.retainAll(records.keySet());
                tests.add(DynamicTest.dynamicTest(dataset.getFileName() + " / " + rule.id() + " (" + expected.size()
                        + " of " + records.size() + ")", () -> assertEquals(expected, actual)));
            }
        }
        // the comparison means something only if the real data makes rules match
        tests.add(DynamicTest.dynamicTest("at least 10 rules match real events", () ->
                assertFalse(rulesThatMatched.size() < 10, "only " + rulesThatMatched + " matched")));
        return tests.stream();
    }

    /** Each record with an eventID, by id (copies kept), from every JSON file under {@code dir}. */
    static Map<String, List<JsonNode>> records(Path dir) throws IOException {
        Map<String, List<JsonNode>> out = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".md")).sorted().toList();
        }
        for (Path f : files) {
            try (InputStream in = open(f); JsonParser p = JSON.getFactory().createParser(in)) {
                MappingIterator<JsonNode> roots = JSON.readValues(p, JsonNode.class);
                while (roots.hasNextValue()) {
                    JsonNode root = roots.nextValue();
                    JsonNode list = root.has("Records") ? root.get("Records") : root;
                    for (JsonNode r : list.isArray() ? list : List.of(list)) {
                        if (r.hasNonNull("eventID")) {
                            out.computeIfAbsent(r.get("eventID").asText(), k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a damaged file (one dataset has one on purpose): its readable records before the damage count
            }
        }
        return out;
    }

    private static InputStream open(Path f) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(f));
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(in) : in;
    }
}

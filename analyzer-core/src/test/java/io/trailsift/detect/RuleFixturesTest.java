package io.trailsift.detect;

import io.trailsift.store.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped rule against its two hand-written fixtures: {@code fires.json} (the attack, which
 * must give at least one finding made only of the attack's events) and {@code quiet.json} (the
 * look-alike benign activity, which must give none).
 */
class RuleFixturesTest {
    private static final List<Rule> RULES = RuleLoader.load(Optional.empty()).rules();

    @TempDir
    static Path tmp;

    static Stream<Rule> rules() {
        return RULES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void firesOnTheAttack(Rule rule) throws Exception {
        List<Finding> findings = hunt(rule.id(), "fires", List.of(rule));
        assertFalse(findings.isEmpty(), rule.id() + " found nothing in its fires.json");
        for (Finding f : findings) {
            assertEquals(rule.id(), f.rule());
            assertTrue(f.eventIds().stream().allMatch(id -> id.startsWith(rule.id() + "-fires-")), f.eventIds().toString());
            assertFalse(f.summary().isBlank());
            assertFalse(f.summary().contains("{"), f.summary());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void staysQuietOnLookAlikes(Rule rule) throws Exception {
        assertEquals(List.of(), hunt(rule.id(), "quiet", List.of(rule)), rule.id() + " fired on its quiet.json");
    }

    @Test
    void everyShippedRuleHasFixturesAndEveryFixtureARule() throws Exception {
        Path root = DetectStores.fixture("iam-user-created", "fires").getParent().getParent();
        Set<String> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(RULES.stream().map(Rule::id).collect(Collectors.toCollection(TreeSet::new)), folders);
    }

    @Test
    void hourlyAutomationDescribingTheSameFewApisFiresNothing() throws Exception {
        assertEquals(List.of(), hunt("_benign-automation", "quiet", RULES));
    }

    /** The findings of {@code rules} on one fixture file; no rule may fail. */
    private static List<Finding> hunt(String folder, String kind, List<Rule> rules) throws Exception {
        try (EventStore store = DetectStores.refill(tmp.resolve("fixtures.duckdb"), List.of(DetectStores.fixture(folder, kind)))) {
            HuntResult result = Detector.run(store, rules);
            assertEquals(List.of(), result.problems());
            return result.findings();
        }
    }
}

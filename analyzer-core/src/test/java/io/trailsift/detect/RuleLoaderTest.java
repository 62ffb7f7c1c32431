package io.trailsift.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleLoaderTest {
    static final String GOOD = """
            id: my-rule
            title: Something of mine
            severity: low
            attack: [T1078.004]
            description: Mine.
            sql: SELECT event_id FROM events WHERE event_name = 'ListBuckets'
            summary: "{principal_arn} listed buckets"
            """;

    @Test
    void shippedPackLoadsCompletelyAndEveryRuleDocumentsItself() {
        RuleSet set = RuleLoader.load(Optional.empty());
        assertEquals(List.of(), set.problems());
        assertEquals(43, set.rules().size());
        for (Rule r : set.rules()) {
            assertTrue(r.source().matches("rules/[a-z-]+/" + r.id() + "\\.yml"), r.source() + ": file name must be the rule id");
            assertFalse(r.attack().isEmpty(), r.id());
            assertFalse(r.references().isEmpty(), r.id());
            assertTrue(r.description().length() > 200, r.id() + ": description should explain the attack and the query");
            assertFalse(r.response().isBlank(), r.id());
            assertTrue(r.summary().isPresent(), r.id());
        }
    }

    @Test
    void userRulesAreAddedAndBrokenFilesAreReportedByNameWhileTheOthersLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yml"), GOOD);
        Files.writeString(dir.resolve("broken.yml"), "id: [unclosed\n");
        Files.writeString(dir.resolve("nosql.yaml"), GOOD.replace("id: my-rule", "id: no-sql").replaceAll("(?m)^sql:.*$", ""));
        Files.writeString(dir.resolve("typo.yml"), GOOD.replace("id: my-rule", "id: typo").replace("severity:", "severty:"));
        Files.writeString(dir.resolve("clash.yml"), GOOD.replace("id: my-rule", "id: root-account-used"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");

        RuleSet set = RuleLoader.load(Optional.of(dir));

        assertEquals(44, set.rules().size());
        assertTrue(set.rules().stream().anyMatch(r -> r.id().equals("my-rule") && r.source().endsWith("mine.yml")));
        List<String> problems = set.problems().stream().map(RuleProblem::toString).sorted().toList();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches(".*broken\\.yml: not valid YAML: .*"), problems.get(0));
        assertTrue(problems.get(1).matches(".*clash\\.yml: rule id 'root-account-used' is already defined by rules/initial-access/root-account-used\\.yml.*"),
                problems.get(1));
        assertTrue(problems.get(2).endsWith("nosql.yaml: missing field 'sql'"), problems.get(2));
        assertTrue(problems.get(3).matches(".*typo\\.yml: unknown field 'severty' .*"), problems.get(3));
    }

    @Test
    void fieldsAreChecked() {
        assertEquals("unknown severity 'urgent' (info, low, medium, high, critical)",
                assertThrows(RuleLoader.InvalidRuleException.class,
                        () -> RuleLoader.parse("x", GOOD.replace("severity: low", "severity: urgent"))).getMessage());
        assertTrue(assertThrows(RuleLoader.InvalidRuleException.class,
                () -> RuleLoader.parse("x", GOOD.replace("T1078.004", "Valid Accounts"))).getMessage().contains("ATT&CK"));
        assertTrue(assertThrows(RuleLoader.InvalidRuleException.class,
                () -> RuleLoader.parse("x", GOOD.replace("id: my-rule", "id: My Rule"))).getMessage().contains("lower-case"));
        assertTrue(assertThrows(RuleLoader.InvalidRuleException.class,
                () -> RuleLoader.parse("x", GOOD.replace("{principal_arn}", "{Principal}"))).getMessage().contains("placeholder"));
        assertEquals("expected a mapping with id, title, severity, attack, description, sql",
                assertThrows(RuleLoader.InvalidRuleException.class, () -> RuleLoader.parse("x", "- a\n- b\n")).getMessage());
    }

    @Test
    void onlyKeepsTheNamedRulesAndReportsUnknownIds() {
        RuleSet set = RuleLoader.load(Optional.empty());
        assertEquals(List.of("root-account-used"), set.only(List.of("root-account-used")).rules().stream().map(Rule::id).toList());
        assertEquals(List.of("no-such-rule"), set.unknown(List.of("root-account-used", "no-such-rule")));
        assertEquals(43, set.only(List.of()).rules().size());
    }
}

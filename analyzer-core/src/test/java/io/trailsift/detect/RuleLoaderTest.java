package io.trailsift.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    void shippedPackIsEveryRuleFileOfTheSourceFolderInItsTacticFolder() throws IOException {
        RuleSet set = RuleLoader.load(Optional.empty());
        assertEquals(List.of(), set.problems());
        assertEquals(ruleFiles().stream().map(f -> "rules/" + f).collect(Collectors.toSet()),
                set.rules().stream().map(Rule::source).collect(Collectors.toSet()));
        for (Rule r : set.rules()) {
            assertTrue(r.tactic().isPresent(), r.source() + " sits in no tactic folder");
            assertEquals("rules/" + r.tactic().get().folder() + "/" + r.id() + ".yml", r.source(),
                    "a shipped rule is rules/<tactic>/<id>.yml");
        }
    }

    @Test
    void everyTacticFolderIsKnown() throws IOException {
        for (String file : ruleFiles()) {
            String[] parts = file.split("/");
            assertEquals(2, parts.length, file + ": a shipped rule file sits directly in a tactic folder");
            assertTrue(Tactic.ofFolder(parts[0]).isPresent(), file + ": not one of " + Tactic.folders());
        }
    }

    @Test
    void theBuiltIndexListsEveryRuleFileOnceInOrder() throws IOException {
        try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(RuleLoader.SHIPPED_INDEX)) {
            assertNotNull(in, "the build writes " + RuleLoader.SHIPPED_INDEX);
            assertEquals(ruleFiles(), new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
    }

    @Test
    void everyShippedRuleDocumentsItself() {
        for (Rule r : RuleLoader.load(Optional.empty()).rules()) {
            assertFalse(r.attack().isEmpty(), r.id());
            assertFalse(r.references().isEmpty(), r.id());
            assertTrue(r.description().length() > 200, r.id() + ": description should explain the attack and the query");
            assertFalse(r.response().isBlank(), r.id());
            assertTrue(r.summary().isPresent(), r.id());
        }
    }

    @Test
    void userRulesAreAddedAndBrokenFilesAreReportedByNameWhileTheOthersLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("my-rule.yml"), GOOD);
        Files.writeString(dir.resolve("broken.yml"), "id: [unclosed\n");
        Files.writeString(dir.resolve("no-sql.yaml"), GOOD.replace("id: my-rule", "id: no-sql").replaceAll("(?m)^sql:.*$", ""));
        Files.writeString(dir.resolve("typo.yml"), GOOD.replace("id: my-rule", "id: typo").replace("severity:", "severty:"));
        Files.writeString(dir.resolve("root-account-used.yml"), GOOD.replace("id: my-rule", "id: root-account-used"));
        Files.writeString(dir.resolve("renamed.yaml"), GOOD.replace("id: my-rule", "id: old-name"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        Files.createDirectories(dir.resolve("drafts"));
        Files.writeString(dir.resolve("drafts/draft.yml"), GOOD.replace("id: my-rule", "id: draft"));

        RuleSet set = RuleLoader.load(Optional.of(dir));

        assertEquals(RuleLoader.load(Optional.empty()).rules().size() + 1, set.rules().size());
        Rule mine = set.rules().get(set.rules().size() - 1);
        assertEquals("my-rule", mine.id());
        assertEquals(dir.resolve("my-rule.yml").toString(), mine.source());
        assertEquals(Optional.empty(), mine.tactic());
        assertTrue(set.rules().stream().noneMatch(r -> r.id().equals("draft")), "subfolders of a user's folder are not read");
        List<String> problems = set.problems().stream().map(RuleProblem::toString).sorted().toList();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches(".*broken\\.yml: not valid YAML: .*"), problems.get(0));
        assertTrue(problems.get(1).endsWith("no-sql.yaml: missing field 'sql'"), problems.get(1));
        assertTrue(problems.get(2).endsWith("renamed.yaml: rule id 'old-name' does not match the file name (name the file old-name.yaml)"),
                problems.get(2));
        assertTrue(problems.get(3).endsWith("root-account-used.yml: rule id 'root-account-used' is already defined by "
                + "rules/initial-access/root-account-used.yml (ids must be unique)"), problems.get(3));
        assertTrue(problems.get(4).matches(".*typo\\.yml: unknown field 'severty' .*"), problems.get(4));
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
        assertEquals(set.rules(), set.only(List.of()).rules());
    }

    /** The rule files of the source folder, relative to {@code rules/} and sorted. */
    private static List<String> ruleFiles() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).resolve("src/main/resources/rules");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml"))
                    .map(f -> root.relativize(f).toString().replace(File.separatorChar, '/')).sorted().toList();
        }
    }
}

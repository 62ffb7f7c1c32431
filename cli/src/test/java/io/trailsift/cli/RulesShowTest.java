package io.trailsift.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rules show ID}: a rule in full, texts and SQL uncut; an unknown id says what is close. */
class RulesShowTest {
    @Test
    void showsTheWholeRuleAndAnUnknownIdNamesTheCloseOnes() {
        CliRun shown = CliRun.of("rules", "show", "cloudtrail-tampering", "--format", "table");
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().startsWith("id: cloudtrail-tampering\n"), shown.out());
        assertTrue(shown.out().contains("\nsql:\n  "), shown.out());
        assertTrue(shown.out().contains("response:\n  "), shown.out());
        CliRun json = CliRun.of("rules", "show", "cloudtrail-tampering", "--format", "jsonl");
        assertTrue(json.out().contains("{\"field\":\"sql\",\"value\":"), json.out());

        CliRun unknown = CliRun.of("rules", "show", "cloudtrail-tamper");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no loaded rule has id cloudtrail-tamper; did you mean cloudtrail-tampering?"),
                unknown.err());
    }
}

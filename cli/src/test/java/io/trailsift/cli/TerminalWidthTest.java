package io.trailsift.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that prints a table or tree, on the sample case, on terminals 80 and 200 columns
 * wide: no line passes the edge (colour codes aside), colour only where allowed, user agents as
 * their client unless --wide or JSON.
 */
class TerminalWidthTest {
    private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");

    @TempDir
    static Path tmp;
    static String db;

    @BeforeAll
    static void ingestTheSample() {
        db = Evidence.sampleStore(tmp);
    }

    static Environment terminal(int columns, String... more) {
        Map<String, String> vars = new java.util.HashMap<>(Map.of("COLUMNS", String.valueOf(columns)));
        for (int i = 0; i < more.length; i += 2) {
            vars.put(more[i], more[i + 1]);
        }
        return new Environment(vars, true);
    }

    /** Each table command; the store is appended. */
    static final List<List<String>> COMMANDS = List.of(
            List.of("stats"), List.of("hunt"), List.of("hunt", "--all"), List.of("ip", "198.51.100.0/24"),
            List.of("principal", "app-integration-user", "--window-start", "2026-05-21T12:00:00Z"),
            List.of("timeline", "--key", "AKIA1234567890ABCDEF", "--follow", "--detail"),
            List.of("key", "AKIA1234567890ABCDEF"), List.of("rules"),
            List.of("sql", "SELECT principal_arn, user_agent, request_parameters FROM events LIMIT 20"),
            List.of("verify", Evidence.sampleLogs().toString()), List.of("report", "--key", "AKIA1234567890ABCDEF"));

    @ParameterizedTest
    @ValueSource(ints = {80, 200})
    void noLinePassesTheTerminalsEdge(int columns) {
        for (List<String> command : COMMANDS) {
            CliRun run = CliRun.in(terminal(columns), args(command));
            assertTrue(run.exit() <= 1, command + ": " + run.err());
            String[] lines = COLOUR.matcher(run.out()).replaceAll("").split("\n");
            assertTrue(lines.length > 3, command + " printed: " + run.out());
            // a file path longer than the screen is printed whole on a line of its own, to be copied
            for (String line : lines) {
                assertTrue(line.codePointCount(0, line.length()) <= columns || !line.strip().contains(" "),
                        command + " at " + columns + " columns printed a line of " + line.length() + ":\n" + line);
            }
        }
    }

    @Test
    void wideLeavesTheTableWholeAndSaysWhatWasLeftOut() {
        CliRun fitted = CliRun.in(terminal(80), "ip", "198.51.100.0/24", "--db", db);
        assertTrue(fitted.out().contains("(--wide shows all columns; hidden to fit 80: account_ids, identity_type"),
                fitted.out());
        CliRun wide = CliRun.in(terminal(80), "ip", "198.51.100.0/24", "--db", db, "--wide");
        assertTrue(wide.out().contains("arn:aws:sts::123456789012:assumed-role/DeployAutomationRole/backup-check"), wide.out());
        assertTrue(wide.out().lines().anyMatch(l -> l.length() > 200), "--wide is as wide as the values");
    }

    @Test
    void severitiesAreColouredOnATerminalUnlessNoColor() {
        assertTrue(CliRun.in(terminal(200), "hunt", "--db", db).out().contains("\u001b[31mhigh"));
        assertFalse(COLOUR.matcher(CliRun.in(terminal(200, "NO_COLOR", "1"), "hunt", "--db", db).out()).find());
        assertFalse(COLOUR.matcher(CliRun.in(new Environment(Map.of(), false), "hunt", "--db", db, "--format", "table")
                .out()).find(), "no colour into a pipe or file");
    }

    @Test
    void userAgentsAreShownAsTheirClientUnlessWideOrForPrograms() throws Exception {
        // The attacker's aws-cli sent 16 agents that differ only in md/command#...: one client.
        CliRun shown = CliRun.in(terminal(200), "principal", "app-integration-user", "--db", db);
        String agents = section(shown.out(), "user_agents");
        assertTrue(agents.contains("aws-cli/2.15.30 (linux, python 3.11)"), agents);
        assertTrue(agents.contains("(2 rows)"), agents);
        CliRun wide = CliRun.in(terminal(200), "principal", "app-integration-user", "--db", db, "--wide");
        assertTrue(section(wide.out(), "user_agents").contains("md/command#iam.create-user"), wide.out());
        CliRun json = CliRun.in(terminal(200), "principal", "app-integration-user", "--db", db, "--format", "json");
        assertTrue(json.json().get("user_agents").size() > 10, json.out());
        String tree = CliRun.in(terminal(200), "key", "AKIA1234567890ABCDEF", "--db", db).out();
        assertTrue(tree.contains("agents: aws-cli/2.15.30 (linux, python 3.11)"), tree);
        assertFalse(tree.contains("md/command#"), tree);
    }

    private static String section(String out, String name) {
        int start = out.indexOf("== " + name);
        return out.substring(start, out.indexOf("\n\n", start));
    }

    private static String[] args(List<String> command) {
        List<String> all = new java.util.ArrayList<>(command);
        if (!command.get(0).equals("rules")) {
            all.addAll(List.of("--db", db));
        }
        return all.toArray(String[]::new);
    }
}

package io.trailsift.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's "Rules shipped" table is the output of {@code rules --format md}, so it cannot fall behind the rules. */
class ReadmeRuleTableTest {
    private static final String HEADER = "| id | severity | ATT&CK | what it catches |";

    @Test
    void readmeTableIsTheCommandsOutput() throws IOException {
        CliRun run = CliRun.of("rules", "--format", "md");
        assertEquals(0, run.exit(), run.err());
        assertEquals(run.out(), readmeTable(), "README.md's rule table differs from the shipped rules: replace it with "
                + "the output of ./trailsift rules --format md");
    }

    /** The lines of the table that starts with {@link #HEADER}, each ended by a line break. */
    private static String readmeTable() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md").normalize();
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(HEADER);
        assertTrue(start >= 0, readme + " has no rule table starting with " + HEADER);
        StringBuilder table = new StringBuilder();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.append(lines.get(i)).append('\n');
        }
        return table.toString();
    }
}

package io.trailsift.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a test class's {@code main} in a child JVM and kills it with SIGKILL mid-run, for crash-safety tests. */
public final class ChildRuns {
    private ChildRuns() {
    }

    /**
     * Starts {@code main} with {@code args}, waits for {@code lines} lines of its output starting
     * with {@code marker}, waits {@code pauseMillis} more, then kills it (no shutdown hooks, no
     * rollback, no close); returns the marked lines seen.
     *
     * <p>The child's temporary folder is {@code scratch} (give one inside the test's own, which
     * JUnit removes): DuckDB's driver unpacks its native library (58 MB) into the temporary folder
     * at every start and deletes it at exit, which a killed JVM never reaches, so each kill left
     * one in the system's.
     */
    public static int killAfter(Path scratch, Class<?> main, List<String> args, String marker, int lines, long pauseMillis)
            throws Exception {
        Files.createDirectories(scratch);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (seen < lines && (line = out.readLine()) != null) {
                if (line.startsWith(marker)) {
                    seen++;
                }
            }
            Thread.sleep(pauseMillis);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        return seen;
    }
}

package io.trailsift.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
     */
    public static int killAfter(Class<?> main, List<String> args, String marker, int lines, long pauseMillis)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
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
            child.destroyForcibly();
            child.waitFor();
        }
        return seen;
    }
}

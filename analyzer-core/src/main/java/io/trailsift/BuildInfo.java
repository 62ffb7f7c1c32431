package io.trailsift;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The version and git commit this build came from, written at build time (analyzer-core's pom,
 * execution {@code build-info}), so a report can say which trailsift wrote it. A build outside a
 * git checkout says "commit unknown"; one with uncommitted changes says so.
 *
 * @param commit   the short commit id, empty when the build could not ask git
 * @param modified the checkout had uncommitted changes to tracked files when it was built
 */
public record BuildInfo(String version, Optional<String> commit, boolean modified) {
    private static final String RESOURCE = "build-info.properties";

    /** This build's, or "dev" with no commit when the resource is absent (classes run from an IDE). */
    public static BuildInfo current() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo("dev", Optional.empty(), false);
            }
            Properties p = new Properties();
            p.load(in);
            String commit = p.getProperty("commit", "unknown");
            return new BuildInfo(p.getProperty("version", "dev"),
                    commit.equals("unknown") ? Optional.empty() : Optional.of(commit),
                    Boolean.parseBoolean(p.getProperty("modified", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 0.1.0-SNAPSHOT (3b8f2c1)}, {@code 0.1.0 (3b8f2c1, modified)} or {@code 0.1.0 (commit unknown)}. */
    public String describe() {
        return version + " (" + commit.map(c -> modified ? c + ", modified" : c).orElse("commit unknown") + ")";
    }
}

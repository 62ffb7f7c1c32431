package io.trailsift.lineage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code shared/datasets/NAME}: walks up from the working directory to a folder that has a {@code shared} sibling. */
public final class SharedDatasets {
    private SharedDatasets() {
    }

    public static Optional<Path> find(String name) {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("datasets").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

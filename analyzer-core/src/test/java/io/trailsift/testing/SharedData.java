package io.trailsift.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The project's shared folder of real datasets, beside the repository; absent in a user's clone. */
public final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/datasets/NAME} from the repository root, if it is there. */
    public static Optional<Path> find(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("datasets").resolve(name);
            if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(candidate)) {
                return Optional.of(candidate.normalize());
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** Every dataset folder of {@code ../shared/datasets}, sorted; none when it is absent. */
    public static java.util.List<Path> allDatasets() throws java.io.IOException {
        Optional<Path> root = find("");
        if (root.isEmpty()) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(root.get())) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** {@code ../shared/datasets/NAME}, or the test is skipped. */
    public static Path dataset(String name) {
        Optional<Path> found = find(name);
        Assumptions.assumeTrue(found.isPresent(), "../shared/datasets/" + name + " is not present (only in the project's workspace)");
        return found.get();
    }
}

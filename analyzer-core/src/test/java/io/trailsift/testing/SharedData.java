package io.trailsift.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared folder of real datasets, beside the repository; absent in a user's clone. */
public final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/datasets/NAME} from the repository root, or the test is skipped. */
    public static Path dataset(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("datasets").resolve(name);
            if (Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        Assumptions.abort("../shared/datasets/" + name + " is not present (only in the project's workspace)");
        return null;
    }
}

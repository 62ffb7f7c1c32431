package io.trailsift.cli;

import java.util.Map;
import java.util.Optional;

/**
 * What the process runs in: its environment variables and whether standard output is a terminal.
 * Passed in rather than read where needed, so tests can run a command "on an 80-column terminal".
 */
record Environment(Map<String, String> variables, boolean terminal) {
    static Environment current() {
        return new Environment(System.getenv(), System.console() != null);
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}

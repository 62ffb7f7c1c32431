package io.trailsift.detect;

/** A rule that could not be loaded or run: where it came from and what is wrong, in words a rule author can act on. */
public record RuleProblem(String source, String message) {
    @Override
    public String toString() {
        return source + ": " + message;
    }
}

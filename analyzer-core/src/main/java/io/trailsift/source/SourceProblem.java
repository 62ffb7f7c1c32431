package io.trailsift.source;

/** An object the walker could not hand over for parsing, with the reason. */
public record SourceProblem(String path, String reason) {
}

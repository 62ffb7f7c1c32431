package io.trailsift.cli;

import io.trailsift.Case;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code --now}: what relative times ({@code 30d}) count back from, when not the store's newest event. */
final class NowOption {
    /** The value of a bare {@code --now}. */
    private static final String WALL_CLOCK = "wall-clock";

    @Option(names = "--now", paramLabel = "TIME", arity = "0..1", fallbackValue = WALL_CLOCK,
            description = "Count relative times (30d, 12h) back from TIME, or from the clock with a bare --now. "
                    + "Default: from the store's newest event, as logs are read after the fact.")
    String now;

    Instant of(Case c) {
        if (now == null) {
            return TimeArgument.storeNow(c);
        }
        return now.equals(WALL_CLOCK) ? Instant.now() : TimeArgument.parse(now, Instant.now());
    }
}

package io.trailsift.pivot;

import java.time.Instant;
import java.util.Optional;

/** The period to compare with everything before it: from {@code start} (inclusive) to {@code end} (exclusive, open when empty). */
public record PrincipalWindow(Instant start, Optional<Instant> end) {
}

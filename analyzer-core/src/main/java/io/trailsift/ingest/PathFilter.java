package io.trailsift.ingest;

import io.trailsift.source.S3Location;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Narrowing by where S3 put an object, decided before it is opened. Dates get a day of margin
 * on both sides: CloudTrail delivers up to about 15 minutes late, so an object stamped just after
 * midnight holds the previous day's last events. Objects whose path says nothing are always read.
 */
public record PathFilter(Optional<LocalDate> sinceDay, Optional<LocalDate> untilDay, Set<String> accounts,
                         Set<String> regions) {
    public static final PathFilter ALL = new PathFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of());

    public boolean admits(Optional<S3Location> location) {
        if (location.isEmpty()) {
            return true;
        }
        S3Location l = location.get();
        if (sinceDay.isPresent() && l.day().isBefore(sinceDay.get().minusDays(1))) {
            return false;
        }
        if (untilDay.isPresent() && l.day().isAfter(untilDay.get().plusDays(1))) {
            return false;
        }
        return (accounts.isEmpty() || accounts.contains(l.accountId())) && (regions.isEmpty() || regions.contains(l.region()));
    }
}

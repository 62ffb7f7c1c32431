package io.trailsift.ingest;

import io.trailsift.event.EventFilter;
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
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The objects whose path allows events {@code events} keeps. */
    public static PathFilter covering(EventFilter events) {
        return new PathFilter(day(events.sinceMicros(), Long.MIN_VALUE), day(events.untilMicros(), Long.MAX_VALUE),
                events.accounts(), events.regions());
    }

    private static Optional<LocalDate> day(long micros, long unbounded) {
        return micros == unbounded ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY)));
    }

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

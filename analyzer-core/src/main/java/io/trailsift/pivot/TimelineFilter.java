package io.trailsift.pivot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The filters of {@code trailsift timeline}; all optional and combined with AND. With
 * {@code follow}, {@code key} also selects every credential the key issued, transitively.
 */
public record TimelineFilter(Optional<String> key, boolean follow, Optional<String> principal, Optional<AddressRange> ip,
                             List<String> events, Optional<Instant> since, Optional<Instant> until,
                             boolean errorsOnly, OptionalLong limit, boolean detail) {

    public static TimelineFilter none() {
        return new TimelineFilter(Optional.empty(), false, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), false, OptionalLong.empty(), false);
    }

    public TimelineFilter withKey(String k, boolean withDescendants) {
        return new TimelineFilter(Optional.of(k), withDescendants, principal, ip, events, since, until, errorsOnly, limit, detail);
    }

    public TimelineFilter withPrincipal(String p) {
        return new TimelineFilter(key, follow, Optional.of(p), ip, events, since, until, errorsOnly, limit, detail);
    }

    public TimelineFilter withIp(AddressRange addresses) {
        return new TimelineFilter(key, follow, principal, Optional.of(addresses), events, since, until, errorsOnly, limit, detail);
    }

    public TimelineFilter withEvents(List<String> names) {
        return new TimelineFilter(key, follow, principal, ip, List.copyOf(names), since, until, errorsOnly, limit, detail);
    }

    /** Events at or after {@code from} and before {@code to}. */
    public TimelineFilter within(Optional<Instant> from, Optional<Instant> to) {
        return new TimelineFilter(key, follow, principal, ip, events, from, to, errorsOnly, limit, detail);
    }

    public TimelineFilter withErrorsOnly(boolean only) {
        return new TimelineFilter(key, follow, principal, ip, events, since, until, only, limit, detail);
    }

    /** Each row with its request parameters in one short line ({@link RequestDetail}). */
    public TimelineFilter withDetail(boolean shown) {
        return new TimelineFilter(key, follow, principal, ip, events, since, until, errorsOnly, limit, shown);
    }

    public TimelineFilter withLimit(long rows) {
        return new TimelineFilter(key, follow, principal, ip, events, since, until, errorsOnly, OptionalLong.of(rows), detail);
    }
}

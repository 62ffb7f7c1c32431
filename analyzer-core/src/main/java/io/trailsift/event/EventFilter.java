package io.trailsift.event;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which records to keep, decided on a parsed row: an object's name can hold events older than
 * its own time stamp, so path-level narrowing is never enough on its own.
 *
 * @param sinceMicros inclusive lower bound on eventTime, or Long.MIN_VALUE
 * @param untilMicros exclusive upper bound on eventTime, or Long.MAX_VALUE
 * @param accounts    recipient (else caller) accounts to keep; empty keeps all
 * @param regions     regions to keep; empty keeps all
 */
public record EventFilter(long sinceMicros, long untilMicros, Set<String> accounts, Set<String> regions) {
    public static final EventFilter ALL = new EventFilter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of());

    public boolean isAll() {
        return sinceMicros == Long.MIN_VALUE && untilMicros == Long.MAX_VALUE && accounts.isEmpty() && regions.isEmpty();
    }

    public boolean keeps(long eventMicros, String account, String region) {
        if (eventMicros != RowBlock.NULL_TIME && (eventMicros < sinceMicros || eventMicros >= untilMicros)) {
            return false;
        }
        if (eventMicros == RowBlock.NULL_TIME && !(sinceMicros == Long.MIN_VALUE && untilMicros == Long.MAX_VALUE)) {
            return false;
        }
        // a record without an account or region is outside any list (and Set.of() rejects null lookups)
        return (accounts.isEmpty() || account != null && accounts.contains(account))
                && (regions.isEmpty() || region != null && regions.contains(region));
    }

    /** A stable text form, stored with objects read under this filter so a rerun can tell. */
    public String describe() {
        if (isAll()) {
            return "";
        }
        return "since=" + sinceMicros + ";until=" + untilMicros + ";accounts=" + new TreeSet<>(accounts)
                + ";regions=" + new TreeSet<>(regions);
    }
}

package io.trailsift.event;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which records to keep, decided on a parsed row: an object's name can hold events older than
 * its own time stamp, so path-level narrowing is never enough on its own.
 *
 * @param sinceMicros inclusive lower bound on eventTime, or Long.MIN_VALUE
 * @param untilMicros exclusive upper bound on eventTime, or Long.MAX_VALUE
 * @param accounts    recipient (else caller) accounts to keep; empty keeps all
 * @param regions     regions to keep; empty keeps all
 */
public record EventFilter(long sinceMicros, long untilMicros, Set<String> accounts, Set<String> regions)
        implements Serializable {
    public static final EventFilter ALL = new EventFilter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of());
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]");
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhdw])");

    /** "2026-05-21 12:00:00", as DuckDB and Athena print times, read as "2026-05-21T12:00:00". */
    private static final Pattern SPACED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:.*)");

    /**
     * A time as a person types it for a command: a UTC ISO date or date-time, or a span back from
     * {@code now} ({@code 30d}, {@code 12h}, {@code 45m}, {@code 2w}). The command line and the
     * Spark job both read {@code --since} with it, so it means the same on both.
     */
    public static Instant parseTime(String typed, Instant now) {
        String text = SPACED.matcher(typed.strip()).replaceFirst("$1T$2");
        Matcher m = RELATIVE.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("cannot read time '" + typed
                            + "': use 2026-05-21, 2026-05-21T12:00:00Z, 2026-05-21 12:00 or a relative time like 30d, 12h");
                }
            }
        }
    }

    /**
     * The filter a user asked for ({@code --since}, {@code --until}, {@code --account},
     * {@code --region}); an account that is not 12 digits or a region that is not a region's name
     * is refused (IllegalArgumentException naming the option), since it would silently match nothing.
     */
    public static EventFilter of(Optional<Instant> since, Optional<Instant> until, Set<String> accounts,
                                 Set<String> regions) {
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("--account: '" + account + "' is not an account id (12 digits)");
            }
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("--region: '" + region
                        + "' is not a region name (like us-east-1 or eu-west-2)");
            }
        }
        return new EventFilter(since.map(EventFilter::micros).orElse(Long.MIN_VALUE),
                until.map(EventFilter::micros).orElse(Long.MAX_VALUE), Set.copyOf(accounts), Set.copyOf(regions));
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

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

package io.trailsift.cli;

import io.trailsift.Case;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times on the command line: UTC ISO dates or date-times, or relative ({@code 30d}, {@code 12h},
 * {@code 45m}, {@code 2w}) to a "now" the command chooses: the newest event of the store for the
 * commands that query one (logs are read days or months after the fact: "the last 30 days" of a
 * May export means May, not the weeks before today), the wall clock for ingest filters.
 */
final class TimeArgument {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhdw])");

    private TimeArgument() {
    }

    /** What relative times count back from on a store: its newest event, or now when it holds none. */
    static Instant storeNow(Case c) {
        return c.newestEvent().orElseGet(Instant::now);
    }

    /** "2026-05-21 12:00:00", as DuckDB and Athena print times, read as "2026-05-21T12:00:00". */
    private static final Pattern SPACED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:.*)");

    static Instant parse(String typed, Instant now) {
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
}

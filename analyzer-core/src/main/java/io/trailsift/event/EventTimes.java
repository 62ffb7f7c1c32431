package io.trailsift.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** CloudTrail time strings to UTC epoch microseconds, and times back to the text every output uses. */
public final class EventTimes {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private EventTimes() {
    }

    /** Times outside years 0001-9999 are no genuine CloudTrail time; beyond them DuckDB's range ends too. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * Parses {@code 2026-05-21T12:11:58Z} (the form CloudTrail writes, fast path), ISO-8601 with
     * fractions or offsets, and the basic form {@code 20260521T121158Z} some session contexts use.
     * Empty for anything else, including well-formed times out of range (a planted
     * {@code +294300-01-01T00:00:00Z}): the record is kept without a time, never failing its object.
     */
    public static OptionalLong parseMicros(String text) {
        if (text.length() == 20 && text.charAt(10) == 'T' && text.charAt(19) == 'Z') {
            long fast = fastIso(text);
            if (fast != Long.MIN_VALUE) {
                return OptionalLong.of(fast);
            }
        }
        try {
            return OptionalLong.of(toMicros(OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException notIsoOffset) {
            try {
                return OptionalLong.of(toMicros(LocalDateTime.parse(text, BASIC).toInstant(ZoneOffset.UTC)));
            } catch (DateTimeParseException notBasic) {
                return OptionalLong.empty();
            }
        }
    }

    private static long toMicros(Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new DateTimeParseException("out of range", instant.toString(), 0);
        }
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private static long fastIso(String s) {
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || month < 1 || month > 12 || day < 1
                || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /**
     * UTC ISO-8601 with a Z, as {@link DateTimeFormatter#ISO_INSTANT} writes it. CloudTrail times
     * are whole seconds, written here by hand: the formatter's generic path was a large share of
     * a long timeline's output time in a fresh JVM (the CLI's case).
     */
    public static String format(Instant t) {
        LocalDateTime u = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        if (u.getNano() != 0 || u.getYear() < 1000 || u.getYear() > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(t);
        }
        char[] c = "0000-00-00T00:00:00Z".toCharArray();
        digits(c, 0, 4, u.getYear());
        digits(c, 5, 2, u.getMonthValue());
        digits(c, 8, 2, u.getDayOfMonth());
        digits(c, 11, 2, u.getHour());
        digits(c, 14, 2, u.getMinute());
        digits(c, 17, 2, u.getSecond());
        return new String(c);
    }

    private static void digits(char[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

package io.trailsift.bench.corpus;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The 30 days the org corpus covers, and how busy each hour is. A week and more of ordinary days
 * comes before the incident (day {@value #INCIDENT_DAY}, in the last week), so a rule that learns
 * what each principal usually does has a baseline to learn from.
 */
final class OrgCalendar {
    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static final int DAYS = 30;
    static final int WINDOWS_PER_DAY = 288;
    static final int INCIDENT_DAY = 25; // 2026-05-26, a Tuesday
    static final Instant END = START.plusSeconds(86_400L * DAYS);

    private OrgCalendar() {
    }

    static Instant day(int d) {
        return START.plusSeconds(86_400L * d);
    }

    static boolean weekend(int d) {
        DayOfWeek w = day(d).atZone(ZoneOffset.UTC).getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    }

    /** A day's share of the events: weekends carry a bit more than half a weekday's traffic. */
    static double dayWeight(int d) {
        return weekend(d) ? 0.6 : 1.0;
    }

    /**
     * How busy a 5-minute window is (UTC): the customers and staff are in Europe and the Americas,
     * so traffic climbs from 06:00, stays high until about 22:00 and is lowest around 03:00.
     */
    static double hourWeight(int window) {
        double hour = window / 12.0;
        double day = Math.exp(-Math.pow((hour - 14.0) / 5.5, 2));
        return 0.35 + day;
    }
}

package io.trailsift.testkit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The time formats CloudTrail writes. */
public final class Times {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** IAM and STS responses write dates like "May 21, 2026, 1:16:40 PM". */
    private static final DateTimeFormatter RESPONSE = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OBJECT_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DIGEST_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String iso(Instant t) {
        return ISO.format(t);
    }

    public static String response(Instant t) {
        return RESPONSE.format(t);
    }

    public static String objectName(Instant t) {
        return OBJECT_NAME.format(t);
    }

    public static String digestName(Instant t) {
        return DIGEST_NAME.format(t);
    }

    public static String dayFolders(Instant t) {
        return DAY_FOLDERS.format(t);
    }

    /** The start of the 5-minute delivery window holding {@code t}. */
    public static Instant window(Instant t) {
        Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
        long m = minute.getEpochSecond() / 60;
        return Instant.ofEpochSecond((m - m % 5) * 60);
    }
}

package io.trailsift.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTimesTest {
    @Test
    void timesAreReadAsUtcWhateverTheirForm() {
        long expected = Instant.parse("2026-05-21T12:11:58Z").getEpochSecond() * 1_000_000L;
        assertEquals(expected, EventTimes.parseMicros("2026-05-21T12:11:58Z").getAsLong());
        assertEquals(expected, EventTimes.parseMicros("2026-05-21T14:11:58+02:00").getAsLong());
        assertEquals(expected, EventTimes.parseMicros("20260521T121158Z").getAsLong());
        assertEquals(expected + 250_000, EventTimes.parseMicros("2026-05-21T12:11:58.250Z").getAsLong());
        assertTrue(EventTimes.parseMicros("yesterday").isEmpty());
    }

    @Test
    void timesPrintExactlyAsIsoInstant() {
        for (LocalDateTime t : List.of(LocalDateTime.of(2026, 5, 21, 12, 11, 58),
                LocalDateTime.of(2026, 1, 1, 0, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                LocalDateTime.of(2026, 5, 21, 12, 11, 58, 120_000_000), LocalDateTime.of(2026, 5, 21, 12, 11, 58, 7),
                LocalDateTime.of(999, 3, 4, 5, 6, 7), LocalDateTime.of(12026, 3, 4, 5, 6, 7))) {
            Instant i = t.toInstant(ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(i), EventTimes.format(i), t.toString());
        }
        assertEquals("2026-05-21T12:11:58Z", EventTimes.format(Instant.parse("2026-05-21T12:11:58Z")));
    }
}

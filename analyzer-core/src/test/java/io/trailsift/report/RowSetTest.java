package io.trailsift.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RowSetTest {
    @Test
    void timesPrintExactlyAsIsoInstant() {
        for (LocalDateTime t : List.of(LocalDateTime.of(2026, 5, 21, 12, 11, 58),
                LocalDateTime.of(2026, 1, 1, 0, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                LocalDateTime.of(2026, 5, 21, 12, 11, 58, 120_000_000), LocalDateTime.of(2026, 5, 21, 12, 11, 58, 7),
                LocalDateTime.of(999, 3, 4, 5, 6, 7), LocalDateTime.of(12026, 3, 4, 5, 6, 7))) {
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(t.toInstant(ZoneOffset.UTC)), RowSet.utc(t), t.toString());
        }
        assertEquals("2026-05-21T12:11:58Z", RowSet.utc(LocalDateTime.of(2026, 5, 21, 12, 11, 58)));
    }
}

package io.trailsift;

import io.trailsift.detect.Finding;
import io.trailsift.investigate.Investigation;
import io.trailsift.lineage.Lineage;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review #4: a planted record may hold one value up to ingest's record limit, far past
 * Jackson's default string limit (20 million chars); every command that reads it back must work.
 */
class LongValuesTest {
    private static final String KEY = "AKIAEXAMPLEKEY00001";

    @Test
    @DisplayName("review #4: a 21 MB user agent is read back by timeline, lineage and investigate")
    void longValuesReadBack(@TempDir Path dir) throws Exception {
        String agent = "U".repeat(21_000_000);
        String planted = Records.event("long-1", "2026-05-21T10:00:00Z", "GetCallerIdentity")
                .replace("\"userAgent\":\"aws-cli/2.15.0\"", "\"userAgent\":\"" + agent + "\"");
        Path file = Records.write(dir.resolve("a.json.gz"), Records.gzip(Records.wrapper(List.of(planted,
                Records.event("short-1", "2026-05-21T10:01:00Z", "ListUsers")))));
        Path db = dir.resolve("case.duckdb");
        assertEquals(2, Stores.ingest(db, file).eventsStored());
        try (Case c = Case.openReadOnly(db)) {
            List<TimelineRow> rows = c.timeline(TimelineFilter.none().withKey(KEY, true));
            assertEquals(2, rows.size());
            assertEquals(agent.length(), rows.get(0).userAgent().orElseThrow().length());
            Lineage lineage = c.lineage(KEY);
            assertEquals(2, lineage.node(KEY).orElseThrow().activity().events());
            assertTrue(lineage.node(KEY).orElseThrow().activity().userAgents().contains(agent));
            Investigation inv = c.investigate(KEY, List.<Finding>of(), Instant.parse("2026-05-22T00:00:00Z"));
            assertEquals(2, inv.timeline().size());
        }
    }
}

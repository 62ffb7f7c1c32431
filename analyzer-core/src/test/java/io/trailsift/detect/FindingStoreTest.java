package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FindingStoreTest {
    static Finding finding(String rule, Severity severity, String event) {
        return new Finding(rule, "Title " + rule, severity, List.of("T1098", "T1136.003"), Instant.parse("2026-05-20T10:00:00Z"),
                Instant.parse("2026-05-20T10:05:00.250Z"), Optional.of("111111111111"), Optional.of("arn:aws:iam::111111111111:user/alice"),
                Optional.empty(), List.of("203.0.113.10", "198.51.100.7"), List.of(event, event + "-b"), "summary of " + rule);
    }

    /** The stored findings, read back field by field, most severe first. */
    static List<Finding> stored(EventStore store) {
        return store.sql().query("""
                SELECT * FROM findings
                ORDER BY list_position(['critical','high','medium','low','info'], severity), first_seen, rule, finding_id""",
                r -> new Finding(r.text("rule"), r.text("title"), Severity.parse(r.text("severity")), r.texts("attack"),
                        r.time("first_seen").orElseThrow(), r.time("last_seen").orElseThrow(), r.optionalText("account_id"),
                        r.optionalText("principal_arn"), r.optionalText("access_key_id"), r.texts("source_ips"),
                        r.texts("event_ids"), r.text("summary")));
    }

    @Test
    void huntReplacesOnlyTheFindingsOfTheRulesItRan(@TempDir Path dir) throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("f.duckdb"), StoreOptions.defaults())) {
            assertEquals(List.of(), stored(store), "no hunt yet: no findings");
            Finding a1 = finding("rule-a", Severity.MEDIUM, "e1");
            Finding b1 = finding("rule-b", Severity.HIGH, "e2");
            FindingStore.replace(store, List.of("rule-a", "rule-b"), List.of(a1, b1));
            assertEquals(List.of(b1, a1), stored(store), "round trip, most severe first");

            Finding a2 = finding("rule-a", Severity.CRITICAL, "e3");
            FindingStore.replace(store, List.of("rule-a"), List.of(a2));
            assertEquals(List.of(a2, b1), stored(store));

            FindingStore.replace(store, List.of("rule-a", "rule-b"), List.of());
            assertEquals(List.of(), stored(store));
        }
    }
}

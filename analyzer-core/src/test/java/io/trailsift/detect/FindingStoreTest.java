package io.trailsift.detect;

import io.trailsift.store.EventStore;
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

    @Test
    void huntReplacesOnlyTheFindingsOfTheRulesItRan(@TempDir Path dir) throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("f.duckdb"))) {
            assertEquals(List.of(), FindingStore.read(store), "no hunt yet: no table, no findings");
            Finding a1 = finding("rule-a", Severity.MEDIUM, "e1");
            Finding b1 = finding("rule-b", Severity.HIGH, "e2");
            FindingStore.replace(store, List.of("rule-a", "rule-b"), List.of(a1, b1));
            assertEquals(List.of(b1, a1), FindingStore.read(store), "round trip, most severe first");

            Finding a2 = finding("rule-a", Severity.CRITICAL, "e3");
            FindingStore.replace(store, List.of("rule-a"), List.of(a2));
            assertEquals(List.of(a2, b1), FindingStore.read(store));

            FindingStore.replace(store, List.of("rule-a", "rule-b"), List.of());
            assertEquals(List.of(), FindingStore.read(store));
        }
    }
}

package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.store.Sql;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where {@code call_bursts} cuts: after a pause of more than five minutes between one call of a
 * credential and its next, wherever the five-minute slots it is computed on begin and end.
 */
class CallBurstsTest {
    @TempDir
    static Path tmp;
    static EventStore store;
    static Sql session;

    @BeforeAll
    static void ingest() throws Exception {
        List<String> records = List.of(
                Records.event("a1", "2026-05-21T10:00:00Z", "ListUsers"),
                Records.event("a2", "2026-05-21T10:04:59Z", "GetCallerIdentity"),
                Records.event("a3", "2026-05-21T10:09:59Z", "ListUsers"),        // exactly five minutes later
                Records.event("a4", "2026-05-21T10:15:00Z", "ListUsers"),        // five minutes and a second
                Records.event("a5", "2026-05-21T10:15:00Z", "ListUsers"),
                Records.event("a6", "2026-05-21T10:19:30Z", "ListUsers"),
                Records.event("a7", "2026-05-21T10:30:10Z", "ListUsers"),
                Records.event("a8", "2026-05-21T10:35:20Z", "ListUsers"),        // next slot, 5:10 later
                Records.event("a9", "2026-05-21T10:40:20Z", "ListUsers"),
                // another credential's call inside a pause does not end it
                Records.event("b1", "2026-05-21T10:12:00Z", "ListUsers").replace("AKIAEXAMPLEKEY00001", "AKIAEXAMPLEKEY00002"));
        Path file = Records.write(tmp.resolve("bursts.json"), Records.wrapper(records));
        store = DetectStores.ingest(tmp, "bursts", List.of(file));
        session = store.session();
        RuleHelpers.install(session, Optional.empty());
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
        store.close();
    }

    @Test
    void everyCallOfACredentialCountsWhenNoNamesAreGiven() throws Exception {
        assertEquals(Set.of(Set.of("a1", "a2", "a3"), Set.of("a4", "a5", "a6"), Set.of("a7"), Set.of("a8", "a9"), Set.of("b1")),
                bursts("NULL, NULL"));
    }

    @Test
    void onlyTheNamedCallsCountWhenNamesAreGiven() throws Exception {
        assertEquals(Set.of(Set.of("a1"), Set.of("a3"), Set.of("a4", "a5", "a6"), Set.of("a7"), Set.of("a8", "a9"), Set.of("b1")),
                bursts("['iam.amazonaws.com'], ['ListUsers']"));
    }

    private static Set<Set<String>> bursts(String arguments) throws Exception {
        Map<String, Set<String>> byBurst = new TreeMap<>();
        session.query("SELECT event_id, burst FROM call_bursts(" + arguments + ")",
                r -> byBurst.computeIfAbsent(r.text("burst"), k -> new TreeSet<>()).add(r.text("event_id")));
        return Set.copyOf(byBurst.values());
    }
}

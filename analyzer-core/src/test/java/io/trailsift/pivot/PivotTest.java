package io.trailsift.pivot;

import io.trailsift.lineage.LineageScenario;
import io.trailsift.store.EventStore;
import io.trailsift.store.RowSet;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.CallLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trailsift.lineage.LineageScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PivotTest {
    @TempDir
    static Path dir;
    static EventStore store;

    @BeforeAll
    static void ingest() throws Exception {
        store = LineageScenario.ingest(dir);
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    /** A timeline as rows of {@link TimelineRow#COLUMNS}, as every output shows it. */
    private static RowSet timeline(EventStore s, TimelineFilter filter) {
        return new RowSet(TimelineRow.COLUMNS, Timeline.query(s, filter).stream().map(TimelineRow::values).toList());
    }

    private static List<Object> column(RowSet rows, String name) {
        int i = rows.columns().indexOf(name);
        return rows.rows().stream().map(r -> r.get(i)).toList();
    }

    @Test
    void followGivesEveryEventOfTheLineageInTimeOrderWithDepthAndParent() throws Exception {
        RowSet rows = timeline(store, TimelineFilter.none().withKey(ALICE, true));
        assertEquals(TimelineRow.COLUMNS, rows.columns());
        assertEquals(List.of("a1", "a2", "a3", "a4", "a6", "a7", "a8", "a9", "a10", "c1"), column(rows, "event_id"));
        assertEquals(List.of(0L, 0L, 1L, 1L, 2L, 3L, 4L, 0L, 0L, 1L), column(rows, "depth"));
        assertEquals(List.of(ALICE, ALICE, OPS, OPS, ADMIN, BACKDOOR, BD_SESSION, ALICE, ALICE, OPS),
                column(rows, "access_key_id"));
        assertEquals(Arrays.asList(null, null, ALICE, ALICE, OPS, ADMIN, BACKDOOR, null, null, ALICE),
                column(rows, "via_key"));
        List<Object> first = rows.rows().get(0);
        assertEquals(List.of(Instant.parse("2026-05-01T10:00:00Z"), "a1", A, "us-east-1", "sts.amazonaws.com", "GetCallerIdentity",
                "arn:aws:iam::" + A + ":user/alice", ALICE, "203.0.113.10", "aws-cli/2.15.0"), first.subList(0, 10));
        assertEquals(Arrays.asList(null, true, 0L, null), first.subList(10, 14));
        assertEquals(B, rows.rows().get(4).get(2), "account_id is the account that logged the event");
    }

    @Test
    void withoutFollowOnlyTheKeyAndNoDepth() throws Exception {
        RowSet rows = timeline(store, TimelineFilter.none().withKey(OPS, false));
        assertEquals(List.of("a3", "a4", "c1"), column(rows, "event_id"));
        assertEquals(Arrays.asList(null, null, null), column(rows, "depth"));
    }

    @Test
    void theKeysActiveWindowKeepsEventsWithoutATime(@TempDir Path own) throws Exception {
        CallLog r = new CallLog();
        r.call("t1", "2026-05-01T10:00:00Z", "s3", "ListBuckets").user("alice", A, ALICE);
        r.call("t2", "2026-05-03T10:00:00Z", "s3", "ListBuckets").user("alice", A, ALICE);
        r.call("t3", "2026-05-02T10:00:00Z", "s3", "GetObject").user("alice", A, ALICE).withoutTime();
        r.call("t4", "2026-05-04T10:00:00Z", "s3", "GetObject").user("bob", A, "AKIABOB0000000000001");
        try (EventStore s = Stores.ofCalls(own, r)) {
            assertEquals(List.of("t1", "t2", "t3"),
                    column(timeline(s, TimelineFilter.none().withKey(ALICE, false)), "event_id"));
            assertEquals(List.of(), column(timeline(s, TimelineFilter.none().withKey("AKIANOTSEEN000000001", true)),
                    "event_id"));
        }
    }

    @Test
    void filtersCombine() throws Exception {
        TimelineFilter f = TimelineFilter.none();
        assertEquals(List.of("a10"), column(timeline(store, f.withErrorsOnly(true)), "event_id"));
        assertEquals(List.of("a9"), column(timeline(store, f.withIp(AddressRange.parse(NEW_IP))), "event_id"));
        assertEquals(List.of("a1", "a2", "a9", "a10"), column(timeline(store, f.withPrincipal("alice")), "event_id"));
        assertEquals(List.of("a3", "a4", "c1"),
                column(timeline(store, f.withPrincipal("arn:aws:iam::" + A + ":role/Ops")), "event_id"));
        assertEquals(List.of("a7"), column(timeline(store, f.withEvents(List.of("GetSessionToken"))), "event_id"));
        assertEquals(List.of("y1", "y2", "r1"), column(timeline(store,
                f.withEvents(List.of("CreateAccessKey")).within(Optional.of(Instant.parse("2026-05-01T10:30:00Z")),
                        Optional.of(Instant.parse("2026-05-01T12:01:00Z")))), "event_id"));
        assertEquals(List.of("a1", "a2"), column(timeline(store, f.withKey(ALICE, true).withLimit(2)), "event_id"));
    }

    @Test
    void filterValuesAreDataNotSql() throws Exception {
        RowSet rows = timeline(store, TimelineFilter.none().withPrincipal("x' OR '1'='1").withIp(AddressRange.parse("' OR 1=1 --")));
        assertEquals(0, rows.rows().size());
    }

    @Test
    void principalSummaryListsEveryPivotAndWhatIsNewInTheWindow() throws Exception {
        Map<String, RowSet> s = PrincipalPivot.of(store, "alice",
                Optional.of(new PrincipalWindow(Instant.parse("2026-05-01T10:05:00Z"), Optional.empty())));
        assertEquals(List.of("overview", "access_keys", "source_ips", "user_agents", "regions", "accounts", "apis",
                "habits", "sessions", "new_in_window"), List.copyOf(s.keySet()));
        assertEquals(List.of(4L, 1L, Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:09:00Z"),
                List.of("arn:aws:iam::" + A + ":user/alice")), s.get("overview").rows().get(0));
        assertEquals(List.of(ALICE), column(s.get("access_keys"), "access_key_id"));
        assertEquals(List.of("203.0.113.10", NEW_IP), column(s.get("source_ips"), "source_ip"));
        assertEquals(List.of("us-east-1", "eu-west-1"), column(s.get("regions"), "aws_region"));
        RowSet apis = s.get("apis");
        assertEquals(List.of("AssumeRole", "GetCallerIdentity", "GetFederationToken"), column(apis, "event_name"));
        assertEquals(List.of(1L, 1L, 1L), column(apis, "succeeded"));
        assertEquals(List.of(1L, 0L, 0L), column(apis, "failed"));
        assertEquals(List.of("AccessDenied"), column(apis, "error_codes").get(0));
        // the baseline the rules judge by: networks and kinds of client, versions dropped
        assertEquals(List.of("client", "client", "network", "network"), column(s.get("habits"), "aspect"));
        assertTrue(column(s.get("habits"), "value").containsAll(List.of("203.0.113.0/24", "python-requests ?")),
                column(s.get("habits"), "value").toString());
        assertEquals(List.of(ALICE), column(s.get("sessions"), "credential"));
        assertEquals(List.of("203.0.113.10"), column(s.get("sessions"), "first_ip"));
        RowSet fresh = s.get("new_in_window");
        assertEquals(List.of("api", "aws_region", "source_ip", "user_agent"), column(fresh, "what"));
        assertEquals(List.of("sts.amazonaws.com GetFederationToken", "eu-west-1", NEW_IP, "python-requests/2.31"),
                column(fresh, "value"));
    }

    @Test
    void windowEndExcludesLaterEventsAndNoWindowMeansNoSection() throws Exception {
        Map<String, RowSet> s = PrincipalPivot.of(store, "alice", Optional.of(new PrincipalWindow(
                Instant.parse("2026-05-01T10:05:00Z"), Optional.of(Instant.parse("2026-05-01T10:08:00Z")))));
        assertEquals(0, s.get("new_in_window").rows().size());
        assertFalse(PrincipalPivot.of(store, "alice", Optional.empty()).containsKey("new_in_window"));
    }

    @Test
    void ipPivotListsEachPrincipalAndKeySeenFromTheAddress() throws Exception {
        RowSet rows = IpPivot.of(store, AddressRange.parse("203.0.113.10"));
        assertEquals(List.of("principal_arn", "access_key_id", "identity_type", "account_ids", "first_seen",
                "last_seen", "events", "errors", "user_agents"), rows.columns());
        List<Object> alice = rows.rows().get(0);
        assertEquals(List.of("arn:aws:iam::" + A + ":user/alice", ALICE, "IAMUser", List.of(A),
                Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:09:00Z"), 3L, 1L,
                List.of("aws-cli/2.15.0")), alice);
        assertEquals(OPS, rows.rows().get(1).get(1));
        assertEquals(0, IpPivot.of(store, AddressRange.parse("10.9.9.9")).rows().size());
        // a range is matched on the addresses' values: 203.0.113.10 is in /24, /28 and 200-207.x, not in .16/28
        assertEquals(rows.rows().size(), IpPivot.of(store, AddressRange.parse("203.0.113.0/24")).rows().size());
        assertEquals(rows.rows().size(), IpPivot.of(store, AddressRange.parse("203.0.113.0/28")).rows().size());
        assertEquals(0, IpPivot.of(store, AddressRange.parse("203.0.113.16/28")).rows().size());
        assertEquals(rows.rows().size(), IpPivot.of(store, AddressRange.parse("200.0.0.0/5")).rows().size());
    }
}

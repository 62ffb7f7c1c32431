package io.trailsift.lineage;

import io.trailsift.store.EventStore;
import io.trailsift.store.SqlLists;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.trailsift.lineage.LineageScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineageTest {
    @TempDir
    static Path dir;
    static EventStore store;
    static LineageGraph graph;

    @BeforeAll
    static void ingest() throws Exception {
        store = LineageScenario.ingest(dir);
        graph = LineageScenario.wholeGraph(store);
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    @Test
    void walkingFromAKeyGivesTheSameTreesAsTheWholeGraph() throws Exception {
        List<String> keys = LineageScenario.allKeys(store);
        assertTrue(keys.size() > 10, "the scenario has many keys: " + keys.size());
        for (String k : keys) {
            assertEquals(LineageTree.down(graph, k), LineageTree.down(LineageGraph.below(store, k), k), "down from " + k);
            assertEquals(LineageTree.up(graph, k), LineageTree.up(LineageGraph.above(store, k), k), "up from " + k);
        }
    }

    /** How the key was issued, as {@code key} reports it. */
    private static Origin origin(String key) throws Exception {
        Origin o = Origins.forKeys(store, List.of(key)).get(key);
        assertTrue(o != null, "no origin for " + key);
        return o;
    }

    private static Optional<String> parent(String key) {
        return graph.parentEdge(key).map(LineageGraph.Edge::parentKey);
    }

    @Test
    void everyIssuingCallWithACallerKeyIsAnEdge() throws Exception {
        assertEquals(Optional.of(ALICE), parent(OPS));
        assertEquals("AssumeRole", graph.parentEdge(OPS).orElseThrow().via());
        assertEquals(Instant.parse("2026-05-01T10:01:00Z"), graph.parentEdge(OPS).orElseThrow().viaTime());
        assertEquals("a2", origin(OPS).viaEventId());
        assertEquals(Optional.of(ALICE), origin(OPS).parentKey());
        assertEquals("CreateAccessKey", origin(BACKDOOR).via());
        assertEquals(Optional.of(ADMIN), parent(BACKDOOR));
        assertEquals("GetSessionToken", origin(BD_SESSION).via());
        assertEquals(Optional.of(BACKDOOR), parent(BD_SESSION));
        assertEquals("GetFederationToken", origin(FED).via());
        assertEquals(Optional.of(ALICE), parent(FED));
    }

    @Test
    void crossAccountCallLoggedTwiceIsOneEdgeFromTheCallersCopy() throws Exception {
        assertEquals(Optional.of(OPS), parent(ADMIN));
        assertEquals("a4", origin(ADMIN).viaEventId());
        assertEquals(List.of(ADMIN), graph.children(OPS).stream().map(LineageGraph.Edge::issuedKey)
                .filter(ADMIN::equals).toList());
    }

    @Test
    void crossAccountCallWhoseKeyIsOnlyInTheOwnersCopyTakesTheCallerFromTheSharedEvent() throws Exception {
        assertEquals(Optional.of(OPS), parent(AUDIT));
        assertEquals(Optional.of(OPS), origin(AUDIT).parentKey());
        assertEquals("c2", origin(AUDIT).viaEventId());
    }

    @Test
    void failedCallsCreateNoEdge() throws Exception {
        assertTrue(graph.parentEdge(FAILED).isEmpty());
        assertFalse(graph.children(ALICE).stream().anyMatch(e -> e.issuedKey().equals(FAILED)));
        assertTrue(Origins.forKeys(store, List.of(FAILED)).isEmpty());
    }

    @Test
    void callsWithoutACallerKeyAreRootsThatStillKnowHowTheyWereIssued() throws Exception {
        for (String key : List.of(EC2, SAML, WEB)) {
            assertTrue(graph.parentEdge(key).isEmpty(), key);
        }
        Lineage ec2 = Lineage.descendants(store, EC2);
        LineageNode root = ec2.nodes().get(0);
        assertEquals(Optional.empty(), root.parent());
        assertEquals("s1", root.origin().orElseThrow().viaEventId());
        assertEquals(Optional.empty(), root.origin().orElseThrow().parentKey());
        assertEquals(Optional.of("arn:aws:sts::" + A + ":assumed-role/Web/i-0abc"), root.principalArn());
        assertEquals("AssumeRoleWithSAML", Lineage.descendants(store, SAML).nodes().get(0).origin().orElseThrow().via());
        assertEquals("AssumeRoleWithWebIdentity",
                Lineage.descendants(store, WEB).nodes().get(0).origin().orElseThrow().via());
    }

    @Test
    void treeFromTheLeakedKeyHoldsEveryDescendantInDepthFirstOrder() throws Exception {
        Lineage l = Lineage.descendants(store, ALICE);
        assertEquals(ALICE, l.root());
        assertEquals(List.of(ALICE, OPS, ADMIN, BACKDOOR, BD_SESSION, AUDIT, FED),
                l.nodes().stream().map(LineageNode::accessKeyId).toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 2, 1), l.nodes().stream().map(LineageNode::depth).toList());
        LineageNode admin = l.node(ADMIN).orElseThrow();
        assertEquals(Optional.of(OPS), admin.parent());
        assertEquals(CredentialKind.SESSION, admin.kind());
        assertEquals(List.of(B), admin.activity().accountIds());
        assertEquals(1, admin.activity().events());
        assertEquals(List.of(EVIL_AGENT), admin.activity().userAgents());
        LineageNode root = l.node(ALICE).orElseThrow();
        assertEquals(CredentialKind.LONG_TERM, root.kind());
        assertEquals(Optional.of("arn:aws:iam::" + A + ":user/alice"), root.principalArn());
        assertEquals(4, root.activity().events());
        assertEquals(List.of(NEW_IP, "203.0.113.10"), root.activity().sourceIps());
        assertEquals(Optional.of(Instant.parse("2026-05-01T10:00:00Z")), root.activity().firstSeen());
        assertEquals(Optional.of(Instant.parse("2026-05-01T10:09:00Z")), root.activity().lastSeen());
        assertTrue(root.origin().isEmpty(), "a key with no observed origin is a root with no via");
    }

    @Test
    void unusedCredentialsTakeThePrincipalFromTheIssuingResponse() throws Exception {
        Lineage l = Lineage.descendants(store, ALICE);
        LineageNode audit = l.node(AUDIT).orElseThrow();
        assertEquals(0, audit.activity().events());
        assertEquals(Optional.empty(), audit.activity().firstSeen());
        assertEquals(Optional.of("arn:aws:sts::" + B + ":assumed-role/Audit/y"), audit.principalArn());
        assertEquals(Optional.of("arn:aws:sts::" + A + ":federated-user/fed"), l.node(FED).orElseThrow().principalArn());
    }

    @Test
    void ancestorsOfASessionRunFromTheLongTermKeyDown() throws Exception {
        Lineage up = Lineage.ancestors(store, BD_SESSION);
        assertEquals(ALICE, up.root());
        assertEquals(List.of(ALICE, OPS, ADMIN, BACKDOOR, BD_SESSION),
                up.nodes().stream().map(LineageNode::accessKeyId).toList());
        assertEquals(Optional.of(BACKDOOR), up.node(BD_SESSION).orElseThrow().parent());
    }

    @Test
    void cyclesTerminateInBothDirections() {
        LineageTree down = LineageTree.down(graph, CYCLE_A);
        assertEquals(List.of(CYCLE_A, CYCLE_B), down.keys());
        LineageTree up = LineageTree.up(graph, CYCLE_A);
        assertEquals(List.of(CYCLE_B, CYCLE_A), up.keys());
        assertEquals(Optional.empty(), up.entries().get(0).parent());
    }

    @Test
    void selfRotationIsAChainAndAKeyIssuingItselfIsNoEdge() {
        assertEquals(List.of(CAROL_1, CAROL_2, CAROL_3), LineageTree.down(graph, CAROL_1).keys());
        assertEquals(List.of(CAROL_1, CAROL_2, CAROL_3), LineageTree.up(graph, CAROL_3).keys());
        assertEquals(Optional.of(CAROL_2), parent(CAROL_3));
        assertTrue(graph.children(CAROL_3).isEmpty());
    }

    @Test
    void sessionWhoseAssumeRoleIsMissingIsARootWithUnknownOrigin() throws Exception {
        Lineage l = Lineage.descendants(store, ORPHAN);
        assertEquals(1, l.nodes().size());
        LineageNode n = l.nodes().get(0);
        assertTrue(n.origin().isEmpty());
        assertEquals(Optional.of("arn:aws:sts::" + A + ":assumed-role/Ghost/g"), n.principalArn());
        assertEquals(List.of(ORPHAN), Lineage.ancestors(store, ORPHAN).nodes().stream()
                .map(LineageNode::accessKeyId).toList());
    }

    @Test
    void aKeyNeverSeenIsASingleEmptyNode() throws Exception {
        Lineage l = Lineage.descendants(store, "AKIANOTHERE000000001");
        assertEquals(1, l.nodes().size());
        assertEquals(0, l.nodes().get(0).activity().events());
        assertEquals(Optional.empty(), l.nodes().get(0).principalArn());
    }

    @Test
    void activityIsTheSameWhetherTheKeyListIsFilteredInTheScanOrJoined() throws Exception {
        List<String> many = new ArrayList<>(List.of(ALICE, OPS));
        for (int i = 0; many.size() < 70; i++) {
            many.add("ASIAUNSEEN" + i);
        }
        assertTrue(SqlLists.oneOf("access_key_id", 2).startsWith("list_contains("));
        assertTrue(SqlLists.oneOf("access_key_id", many.size()).contains(" IN (SELECT unnest("));
        var few = CredentialActivity.forKeys(store, List.of(ALICE, OPS));
        var joined = CredentialActivity.forKeys(store, many);
        assertEquals(few, joined);
        assertEquals(4, joined.get(ALICE).events());
        assertEquals(3, joined.get(OPS).events());
    }
}

package io.trailsift.lineage;

import io.trailsift.store.EventStore;
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real lab in ../shared/datasets/aws-attack-chain-lab: a user key assuming a role, among 309 AWS-service AssumeRoles. */
class AttackChainLabTest {
    static final String ATTACKER_KEY = "AKIAUACFUVW5KPPHDGME";
    static final List<String> ATTACKER_SESSIONS = List.of("ASIAUACFUVW5DAIWYKM7", "ASIAUACFUVW5JEPUN2CK",
            "ASIAUACFUVW5LTQNYWNM", "ASIAUACFUVW5HYGIKGYL", "ASIAUACFUVW5ALWCP7NT");

    @TempDir
    static Path dir;
    static EventStore store;

    @BeforeAll
    static void ingest() throws Exception {
        store = Stores.filled(dir.resolve("lab.duckdb"), List.of(SharedData.dataset("aws-attack-chain-lab")));
    }

    @AfterAll
    static void close() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void attackerKeyHasItsAssumeRoleSessionsAsChildrenAndNothingElse() throws Exception {
        Lineage l = Lineage.descendants(store, ATTACKER_KEY);
        assertEquals(ATTACKER_KEY, l.nodes().get(0).accessKeyId());
        assertEquals("arn:aws:iam::275023965626:user/aws-attack-chain-lab-attacker",
                l.nodes().get(0).principalArn().orElseThrow());
        assertEquals(ATTACKER_SESSIONS, l.nodes().stream().skip(1).map(LineageNode::accessKeyId).toList());
        for (LineageNode n : l.nodes().subList(1, l.nodes().size())) {
            assertEquals(Optional.of(ATTACKER_KEY), n.parent());
            assertEquals("AssumeRole", n.origin().orElseThrow().via());
            assertTrue(n.principalArn().orElseThrow().contains(":assumed-role/aws-attack-chain-lab-vulnerable-role/"));
        }
        LineageNode exfil = l.node("ASIAUACFUVW5ALWCP7NT").orElseThrow();
        assertEquals(2, exfil.activity().events(), "GetCallerIdentity, then GetObject");
        assertEquals(List.of("212.129.81.36"), exfil.activity().sourceIps());
    }

    @Test
    void awsServiceAssumeRolesAttachToNoKey() throws Exception {
        Map<String, Origin> origins = Origins.forKeys(store, LineageScenario.allKeys(store));
        assertEquals(ATTACKER_SESSIONS.stream().sorted().toList(), origins.values().stream()
                        .filter(o -> o.parentKey().isPresent()).map(Origin::issuedKey).sorted().toList(),
                "only the attacker's five AssumeRole calls have a caller key");
        List<String> serviceIssued = store.sql().query("SELECT issued_access_key_id AS k FROM events "
                + "WHERE identity_type = 'AWSService' AND event_name = 'AssumeRole'", r -> r.text("k"));
        assertEquals(309, serviceIssued.size());
        for (String k : serviceIssued) {
            assertTrue(origins.get(k).parentKey().isEmpty(), k);
        }
    }

    @Test
    void crossAccountEntryWithOnlyTheRoleOwnersCopyIsARootThatKnowsItsAssumeRole() throws Exception {
        Lineage l = Lineage.descendants(store, "ASIAUACFUVW5DYJLHKCA");
        LineageNode root = l.nodes().get(0);
        assertEquals(Optional.empty(), root.parent());
        assertEquals("AssumeRole", root.origin().orElseThrow().via());
        assertFalse(root.origin().orElseThrow().parentKey().isPresent());
        assertTrue(root.principalArn().orElseThrow().contains("OrganizationAccountAccessRole"));
    }
}

package io.trailsift.triage;

import io.trailsift.detect.Finding;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;
import io.trailsift.store.EventStore;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.CallLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trailsift.detect.Severity.HIGH;
import static io.trailsift.detect.Severity.INFO;
import static io.trailsift.detect.Severity.LOW;
import static io.trailsift.detect.Severity.MEDIUM;
import static io.trailsift.detect.Tactic.IMPACT;
import static io.trailsift.detect.Tactic.PERSISTENCE;
import static io.trailsift.detect.Tactic.RECONNAISSANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TriageTest {
    private static final String A = "111111111111";
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final String NAT = "198.51.100.1";

    private static String user(String name) {
        return "arn:aws:iam::" + A + ":user/" + name;
    }

    /** A finding of a rule of {@code tactic} on events of {@code principal} (or, when null, of {@code key} alone). */
    private static Finding finding(String rule, Severity severity, Tactic tactic, String principal, String key, Instant at,
                                   String... ips) {
        return new Finding(rule, "Title of " + rule, severity, List.of("T1078"), at, at, Optional.of(A),
                Optional.ofNullable(principal), Optional.ofNullable(key), List.of(ips), List.of(rule + "@" + at),
                "summary of " + rule, Optional.ofNullable(tactic));
    }

    private static List<String> entities(Ranking r) {
        return r.entities().stream().map(RankedEntity::entity).toList();
    }

    @Test
    void reconThenPersistenceOutranksAThousandFindingsOfOneLowRule() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            findings.add(finding("ec2-ami-deregistered", LOW, IMPACT, user("cleanup"), "AKIACLEANUP000000001",
                    T0.plus(Duration.ofMinutes(10L * i)), NAT));
        }
        findings.add(finding("recon-enumeration-breadth", LOW, RECONNAISSANCE, user("mallory"), "AKIAMALLORY000000001",
                T0.plusSeconds(3600), "192.0.2.66"));
        findings.add(finding("iam-user-created", LOW, PERSISTENCE, user("mallory"), "AKIAMALLORY000000001",
                T0.plusSeconds(3700), "192.0.2.66"));

        Ranking r = Triage.rank(findings, Novelty.NONE);

        assertEquals(List.of(user("mallory"), user("cleanup")), entities(r));
        RankedEntity mallory = r.entities().get(0);
        assertEquals(40, mallory.score(), "low 10, a second stage 25, a second rule 5");
        assertEquals(List.of(RECONNAISSANCE, PERSISTENCE), mallory.stages());
        RankedEntity cleanup = r.entities().get(1);
        assertEquals(10, cleanup.score(), "a thousand findings of one low rule count as one");
        assertEquals(1000, cleanup.findings().size());
        RankedEntity.RuleFindings folded = cleanup.byRule().get(0);
        assertEquals(List.of("ec2-ami-deregistered", "1000", T0.toString(), T0.plus(Duration.ofMinutes(9990)).toString()),
                List.of(folded.rule(), String.valueOf(folded.count()), folded.firstSeen().toString(), folded.lastSeen().toString()));
        assertEquals(1, cleanup.byRule().size(), "folded into one line per rule");
        assertEquals(findings, r.findings(), "the findings keep the order they came in");
    }

    @Test
    void aLoneLowOrInfoFindingStaysBelowReconAndPersistenceEvenFromNewAddresses() {
        List<Finding> findings = List.of(
                finding("odd-call", INFO, IMPACT, user("intern"), "AKIAINTERN0000000001", T0, "192.0.2.10"),
                finding("ec2-ami-deregistered", LOW, IMPACT, user("cleanup"), "AKIACLEANUP000000001", T0, "192.0.2.11"),
                finding("recon-enumeration-breadth", LOW, RECONNAISSANCE, user("mallory"), "AKIAMALLORY000000001", T0, NAT),
                finding("iam-user-created", LOW, PERSISTENCE, user("mallory"), "AKIAMALLORY000000001", T0, NAT));
        // Every address of the lone findings is new to them (and more than the two that count); mallory's is not.
        Novelty everythingNew = sightings -> Map.of(user("intern"), List.of("192.0.2.10", "192.0.2.12", "192.0.2.13"),
                user("cleanup"), List.of("192.0.2.11", "192.0.2.14", "192.0.2.15"));

        Ranking r = Triage.rank(findings, everythingNew);

        assertEquals(List.of(user("mallory"), user("cleanup"), user("intern")), entities(r));
        assertEquals(List.of(40, 30, 25), r.entities().stream().map(RankedEntity::score).toList(),
                "novelty adds 10 an address, two at most: low 10 + 20, info 5 + 20");
    }

    @Test
    void aSingleHighFindingRanksBelowTwoStagesOfMediumOnes() {
        Ranking r = Triage.rank(List.of(
                finding("iam-access-key-for-other-user", HIGH, PERSISTENCE, user("admin"), "AKIAADMIN00000000001", T0, NAT),
                finding("recon-whoami-then-enumeration", MEDIUM, RECONNAISSANCE, user("app"), "AKIAAPP0000000000001", T0, NAT),
                finding("iam-user-created", MEDIUM, PERSISTENCE, user("app"), "AKIAAPP0000000000001", T0, NAT)), Novelty.NONE);
        assertEquals(List.of(user("app"), user("admin")), entities(r));
        assertEquals(List.of(50, 30), r.entities().stream().map(RankedEntity::score).toList());
    }

    @Test
    void noveltyRaisesTheScore() {
        List<Finding> findings = List.of(
                finding("iam-user-created", MEDIUM, PERSISTENCE, user("alice"), "AKIAALICE00000000001", T0, "192.0.2.66"));
        RankedEntity known = Triage.rank(findings, Novelty.NONE).entities().get(0);
        RankedEntity fromNewPlace = Triage.rank(findings, s -> Map.of(user("alice"), List.of("192.0.2.66"))).entities().get(0);
        assertEquals(20, known.score());
        assertEquals(30, fromNewPlace.score());
        assertEquals(List.of("192.0.2.66"), fromNewPlace.newAddresses());
    }

    @Test
    void sessionsOfOneRoleRankAsTheRoleAndKeysWithoutAPrincipalAsThemselves() {
        Finding s1 = finding("ec2-ami-deregistered", LOW, IMPACT, "arn:aws:sts::" + A + ":assumed-role/Deploy/s1",
                "ASIADEPLOYS100000001", T0, NAT);
        Finding s2 = finding("iam-user-created", MEDIUM, PERSISTENCE, "arn:aws:sts::" + A + ":assumed-role/Deploy/build-7/x",
                "ASIADEPLOYS200000001", T0.plusSeconds(60), "192.0.2.7");
        Finding gov = finding("ec2-ami-deregistered", LOW, IMPACT, "arn:aws-us-gov:sts::" + A + ":assumed-role/Deploy/s3",
                "ASIADEPLOYS300000001", T0, NAT);
        Finding keyOnly = finding("ec2-ami-deregistered", LOW, IMPACT, null, "AKIANOPRINCIPAL00001", T0, NAT);
        Finding nothing = finding("ec2-ami-deregistered", LOW, IMPACT, "", null, T0, NAT);

        Ranking r = Triage.rank(List.of(s1, s2, gov, keyOnly, nothing), Novelty.NONE);

        String role = "arn:aws:iam::" + A + ":role/Deploy";
        assertEquals(List.of(role, "(unknown principal)", "AKIANOPRINCIPAL00001", "arn:aws-us-gov:iam::" + A + ":role/Deploy"),
                entities(r), "the role first, then the three ties of 10 by name");
        RankedEntity deploy = r.entities().get(0);
        assertEquals(List.of(s1, s2), deploy.findings(), "both sessions' findings under the role");
        assertEquals(List.of("iam-user-created", "ec2-ami-deregistered"), deploy.rules(), "most severe first");
        assertEquals(20 + 25 + 5, deploy.score());
        assertSame(deploy, r.of(s2));
        assertEquals(T0, deploy.firstSeen());
        assertEquals(T0.plusSeconds(60), deploy.lastSeen());
    }

    /**
     * The store's history: the role App's daily sessions call from its NAT gateway for four weeks,
     * alice works from her office address, and o'brien has no history at all. Then, on May 1, each
     * is in a finding: a new session of App from the NAT gateway and from elsewhere, alice from a new
     * address and from her office, o'brien from anywhere.
     */
    @Test
    void theStoreJudgesNoveltyByTheEntitysOwnEarlierEvents(@TempDir Path dir) throws Exception {
        CallLog log = new CallLog();
        for (int day = 1; day <= 28; day++) {
            String date = String.format("2026-04-%02dT08:00:00Z", day);
            log.call("app-" + day, date, "s3", "ListBuckets").session("App", "day-" + day, A, String.format("ASIAAPPDAY%010d", day))
                    .ip(NAT);
            log.call("alice-" + day, date, "s3", "ListBuckets").user("alice", A, "AKIAALICE00000000001").ip("203.0.113.10");
        }
        log.call("n1", "2026-05-01T10:00:00Z", "iam", "CreateUser").session("App", "incident", A, "ASIAAPPINCIDENT00001").ip(NAT);
        log.call("n2", "2026-05-01T10:01:00Z", "iam", "CreateAccessKey").session("App", "incident", A, "ASIAAPPINCIDENT00001")
                .ip("192.0.2.99");
        log.call("x1", "2026-05-01T10:00:00Z", "iam", "CreateUser").user("alice", A, "AKIAALICE00000000001").ip("192.0.2.66");
        log.call("x2", "2026-05-01T10:05:00Z", "iam", "CreateUser").user("alice", A, "AKIAALICE00000000001").ip("203.0.113.10");
        log.call("o1", "2026-05-01T10:00:00Z", "iam", "CreateUser").user("o'brien", A, "AKIAOBRIEN0000000001").ip("192.0.2.77");
        List<Finding> findings = List.of(
                finding("iam-user-created", MEDIUM, PERSISTENCE, "arn:aws:sts::" + A + ":assumed-role/App/incident",
                        "ASIAAPPINCIDENT00001", T0, NAT, "192.0.2.99"),
                finding("iam-user-created", MEDIUM, PERSISTENCE, user("alice"), "AKIAALICE00000000001", T0, "192.0.2.66"),
                finding("iam-user-created", MEDIUM, PERSISTENCE, user("alice"), "AKIAALICE00000000001", T0.plusSeconds(300),
                        "203.0.113.10"),
                finding("iam-user-created", MEDIUM, PERSISTENCE, user("o'brien"), "AKIAOBRIEN0000000001", T0, "192.0.2.77"));

        try (EventStore store = Stores.ofCalls(dir, log)) {
            Ranking r = Triage.rank(findings, Novelty.inStore(store));

            RankedEntity alice = r.of(findings.get(1));
            assertEquals(List.of("192.0.2.66"), alice.newAddresses(), "her office address is not new, the other one is");
            assertEquals(30, alice.score(), "medium 20, one new address 10");
            RankedEntity app = r.of(findings.get(0));
            assertEquals("arn:aws:iam::" + A + ":role/App", app.entity());
            assertEquals(List.of("192.0.2.99"), app.newAddresses(),
                    "the NAT gateway the role's other sessions used for weeks is not new; the other address is");
            assertEquals(30, app.score());
            RankedEntity newcomer = r.of(findings.get(3));
            assertEquals(List.of(), newcomer.newAddresses(), "no earlier event: nothing to be new against");
            assertEquals(List.of("arn:aws:iam::" + A + ":role/App", user("alice"), user("o'brien")), entities(r));
        }
    }
}

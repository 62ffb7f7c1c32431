package io.trailsift.lineage;

import io.trailsift.store.EventStore;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.CallLog;

import java.nio.file.Path;
import java.util.List;

/**
 * One small incident, built by hand, with every lineage case in it. Account A (111111111111):
 * user alice; account B (222222222222): role Admin.
 * <pre>
 * AKIAALICE  -AssumeRole->  ASIAOPS  -AssumeRole (cross-account, logged twice)->  ASIAADMIN
 *                                     ASIAADMIN -CreateAccessKey for "backdoor"-> AKIABACKDOOR
 *                                     AKIABACKDOOR -GetSessionToken-> ASIABDSESSION
 *                           ASIAOPS  -AssumeRole (only the role owner's copy has the key)-> ASIAAUDIT
 *            -GetFederationToken-> ASIAFED
 *            (failed AssumeRole returning ASIAFAILED: no edge)
 * AKIACYCLEA <-> AKIACYCLEB (CreateAccessKey both ways)
 * AKIACAROL1 -> AKIACAROL2 -> AKIACAROL3 (self-rotation), AKIACAROL3 "issuing" itself
 * ASIAORPHAN: acts, but its AssumeRole is not in the logs
 * ASIAEC2 (AssumeRole by ec2.amazonaws.com), ASIASAML, ASIAWEB: issuing call logged, no caller key
 * </pre>
 */
public final class LineageScenario {
    public static final String A = "111111111111";
    public static final String B = "222222222222";
    public static final String ALICE = "AKIAALICE00000000001";
    public static final String OPS = "ASIAOPS0000000000001";
    public static final String ADMIN = "ASIAADMIN00000000001";
    public static final String BACKDOOR = "AKIABACKDOOR00000001";
    public static final String BD_SESSION = "ASIABDSESSION0000001";
    public static final String AUDIT = "ASIAAUDIT00000000001";
    public static final String FED = "ASIAFED0000000000001";
    public static final String FAILED = "ASIAFAILED0000000001";
    public static final String CYCLE_A = "AKIACYCLEA0000000001";
    public static final String CYCLE_B = "AKIACYCLEB0000000001";
    public static final String CAROL_1 = "AKIACAROL00000000001";
    public static final String CAROL_2 = "AKIACAROL00000000002";
    public static final String CAROL_3 = "AKIACAROL00000000003";
    public static final String ORPHAN = "ASIAORPHAN0000000001";
    public static final String EC2 = "ASIAEC20000000000001";
    public static final String SAML = "ASIASAML000000000001";
    public static final String WEB = "ASIAWEB0000000000001";
    public static final String NEW_IP = "192.0.2.99";
    /** A user agent that tries to break out of every output syntax. */
    public static final String EVIL_AGENT = "x\"];\n evil [label=\"pwned\"]; %% <img src=x onerror=alert(1)> |\u001b[31m";

    private LineageScenario() {
    }

    public static CallLog records() {
        CallLog r = new CallLog();
        r.call("a1", "2026-05-01T10:00:00Z", "sts", "GetCallerIdentity").user("alice", A, ALICE);
        r.call("a2", "2026-05-01T10:01:00Z", "sts", "AssumeRole").user("alice", A, ALICE)
                .issuesSession(OPS, "arn:aws:iam::" + A + ":role/Ops", "arn:aws:sts::" + A + ":assumed-role/Ops/s1");
        r.call("a3", "2026-05-01T10:02:00Z", "s3", "ListBuckets").session("Ops", "s1", A, OPS);
        // Cross-account AssumeRole, logged in both accounts: two eventIDs, one sharedEventID.
        String adminRole = "arn:aws:iam::" + B + ":role/Admin";
        String adminArn = "arn:aws:sts::" + B + ":assumed-role/Admin/x";
        r.call("a4", "2026-05-01T10:03:00Z", "sts", "AssumeRole").session("Ops", "s1", A, OPS).shared("shared-1")
                .issuesSession(ADMIN, adminRole, adminArn);
        r.call("a5", "2026-05-01T10:03:00Z", "sts", "AssumeRole").awsAccount(A).recipient(B).shared("shared-1")
                .issuesSession(ADMIN, adminRole, adminArn);
        r.call("a6", "2026-05-01T10:05:00Z", "iam", "CreateAccessKey").session("Admin", "x", B, ADMIN).recipient(B)
                .agent(EVIL_AGENT).issuesAccessKey(BACKDOOR, "backdoor", "backdoor");
        r.call("a7", "2026-05-01T10:06:00Z", "sts", "GetSessionToken").user("backdoor", B, BACKDOOR).recipient(B)
                .issuesSession(BD_SESSION, null, null);
        r.call("a8", "2026-05-01T10:07:00Z", "ec2", "DescribeInstances").user("backdoor", B, BD_SESSION).recipient(B)
                .ip("198.51.100.7");
        r.call("a9", "2026-05-01T10:08:00Z", "sts", "GetFederationToken").user("alice", A, ALICE).ip(NEW_IP)
                .agent("python-requests/2.31").region("eu-west-1")
                .issuesSession(FED, null, "arn:aws:sts::" + A + ":federated-user/fed");
        r.call("a10", "2026-05-01T10:09:00Z", "sts", "AssumeRole").user("alice", A, ALICE).error("AccessDenied")
                .issuesSession(FAILED, "arn:aws:iam::" + A + ":role/Root", null);
        // Cross-account call whose caller copy carries no response: the key comes from the owner's copy.
        r.call("c1", "2026-05-01T10:10:00Z", "sts", "AssumeRole").session("Ops", "s1", A, OPS).shared("shared-2");
        r.call("c2", "2026-05-01T10:10:00Z", "sts", "AssumeRole").awsAccount(A).recipient(B).shared("shared-2")
                .issuesSession(AUDIT, "arn:aws:iam::" + B + ":role/Audit", "arn:aws:sts::" + B + ":assumed-role/Audit/y");

        r.call("y1", "2026-05-01T11:00:00Z", "iam", "CreateAccessKey").user("cy", A, CYCLE_A)
                .issuesAccessKey(CYCLE_B, "cy", null);
        r.call("y2", "2026-05-01T11:01:00Z", "iam", "CreateAccessKey").user("cy", A, CYCLE_B)
                .issuesAccessKey(CYCLE_A, "cy", null);

        r.call("r1", "2026-05-01T12:00:00Z", "iam", "CreateAccessKey").user("carol", A, CAROL_1)
                .issuesAccessKey(CAROL_2, "carol", null);
        r.call("r2", "2026-05-01T12:01:00Z", "iam", "CreateAccessKey").user("carol", A, CAROL_2)
                .issuesAccessKey(CAROL_3, "carol", null);
        r.call("r3", "2026-05-01T12:02:00Z", "iam", "CreateAccessKey").user("carol", A, CAROL_3)
                .issuesAccessKey(CAROL_3, "carol", null);

        r.call("o1", "2026-05-01T13:00:00Z", "s3", "ListBuckets").session("Ghost", "g", A, ORPHAN).ip("198.51.100.66");

        r.call("s1", "2026-05-01T13:05:00Z", "sts", "AssumeRole").awsService("ec2.amazonaws.com")
                .issuesSession(EC2, "arn:aws:iam::" + A + ":role/Web", "arn:aws:sts::" + A + ":assumed-role/Web/i-0abc");
        r.call("s2", "2026-05-01T13:06:00Z", "s3", "GetObject").session("Web", "i-0abc", A, EC2);
        r.call("f1", "2026-05-01T13:10:00Z", "sts", "AssumeRoleWithSAML").federated("SAMLUser", "dave@example.com")
                .issuesSession(SAML, "arn:aws:iam::" + A + ":role/Sso", "arn:aws:sts::" + A + ":assumed-role/Sso/dave");
        r.call("f2", "2026-05-01T13:11:00Z", "sts", "AssumeRoleWithWebIdentity").federated("WebIdentityUser", "ci")
                .issuesSession(WEB, "arn:aws:iam::" + A + ":role/Ci", "arn:aws:sts::" + A + ":assumed-role/Ci/gh");
        return r;
    }

    public static EventStore ingest(Path dir) throws Exception {
        return Stores.ofCalls(dir, records());
    }

    /** Every key that made or was issued by a call in the store, sorted. */
    public static List<String> allKeys(EventStore store) {
        return store.sql().query("SELECT DISTINCT k FROM (SELECT access_key_id AS k FROM events UNION ALL "
                + "SELECT issued_access_key_id FROM events) WHERE k IS NOT NULL AND k <> '' ORDER BY k", r -> r.text("k"));
    }

    /**
     * The whole graph at once: every key's origin decided in one query, the oracle the
     * generation-by-generation walks of {@link LineageGraph#below} and {@link LineageGraph#above}
     * are checked against.
     */
    static LineageGraph wholeGraph(EventStore store) {
        return new LineageGraph(Origins.forKeys(store, allKeys(store)).values().stream()
                .filter(o -> o.parentKey().isPresent())
                .map(o -> new LineageGraph.Edge(o.issuedKey(), o.parentKey().get(), o.via(), o.viaTime()))
                .toList());
    }
}

package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Stratus Red Team AWS technique with a recorded trace in ../shared is caught by the rule
 * meant for it: a finding of that rule holds events of that trace. (The techniques without a
 * recorded trace are covered by the rules' own fixtures; see README "Rules shipped".)
 */
class StratusCoverageTest {
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("credential-access.ec2-get-password-data", "ec2-password-data-burst"),
            Map.entry("credential-access.ec2-steal-instance-credentials", "instance-credentials-used-elsewhere"),
            Map.entry("credential-access.secretsmanager-batch-retrieve-secrets", "secrets-mass-retrieval"),
            Map.entry("credential-access.secretsmanager-retrieve-secrets", "secrets-mass-retrieval"),
            Map.entry("credential-access.ssm-retrieve-securestring-parameters", "ssm-parameters-decrypted"),
            Map.entry("defense-evasion.cloudtrail-delete", "cloudtrail-tampering"),
            Map.entry("defense-evasion.cloudtrail-event-selectors", "cloudtrail-tampering"),
            Map.entry("defense-evasion.cloudtrail-stop", "cloudtrail-tampering"),
            Map.entry("defense-evasion.dns-delete-logs", "network-logs-deleted"),
            Map.entry("defense-evasion.organizations-leave", "organizations-leave"),
            Map.entry("defense-evasion.vpc-remove-flow-logs", "network-logs-deleted"),
            Map.entry("discovery.ec2-download-user-data", "ec2-user-data-download"),
            Map.entry("execution.ec2-launch-unusual-instances", "ec2-unusual-compute-launch"),
            Map.entry("execution.ec2-user-data", "ec2-user-data-modified"),
            Map.entry("execution.ssm-send-command", "ssm-remote-command"),
            Map.entry("execution.ssm-start-session", "ssm-remote-command"),
            Map.entry("exfiltration.ec2-security-group-open-port-22-ingress", "security-group-opened-to-world"),
            Map.entry("exfiltration.ec2-share-ami", "snapshot-or-image-shared"),
            Map.entry("exfiltration.ec2-share-ebs-snapshot", "snapshot-or-image-shared"),
            Map.entry("exfiltration.rds-share-snapshot", "snapshot-or-image-shared"),
            Map.entry("impact.bedrock-invoke-model", "bedrock-model-use-new-principal"),
            Map.entry("initial-access.console-login-without-mfa", "console-login-without-mfa"),
            Map.entry("lateral-movement.ec2-instance-connect", "ec2-instance-connect-key-pushed"),
            Map.entry("lateral-movement.ec2-serial-console-send-ssh-public-key", "ec2-instance-connect-key-pushed"),
            Map.entry("persistence.iam-backdoor-role", "iam-role-trust-foreign-or-public"),
            Map.entry("persistence.iam-backdoor-user", "iam-access-key-for-other-user"),
            Map.entry("persistence.iam-create-admin-user", "iam-admin-policy-granted"),
            Map.entry("persistence.iam-create-backdoor-role", "iam-role-trust-foreign-or-public"),
            Map.entry("persistence.iam-create-user-login-profile", "iam-login-profile-for-other-user"),
            Map.entry("persistence.lambda-backdoor-function", "lambda-resource-policy-opened"),
            Map.entry("persistence.lambda-layer-extension", "lambda-layer-attached"),
            Map.entry("persistence.lambda-overwrite-code", "lambda-code-replaced"),
            Map.entry("persistence.rolesanywhere-create-trust-anchor", "rolesanywhere-trust-anchor"),
            Map.entry("persistence.sts-federation-token", "sts-federation-token"),
            Map.entry("privilege-escalation.iam-update-user-login-profile", "iam-login-profile-for-other-user"));

    @TempDir
    static Path tmp;
    static EventStore store;
    static List<Finding> findings;

    @BeforeAll
    static void huntAllTraces() throws Exception {
        Optional<Path> traces = SharedData.find("stratus-red-team-detonations").map(p -> p.resolve("detonation-logs"));
        if (traces.isEmpty()) {
            return;
        }
        store = DetectStores.ingest(tmp, "stratus", List.of(traces.get()));
        HuntResult result = Detector.run(store, RuleLoader.load(Optional.empty()).rules());
        assertEquals(List.of(), result.problems());
        findings = result.findings();
    }

    @AfterAll
    static void close() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    static Stream<String> techniques() {
        return EXPECTED.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("techniques")
    void theTechniquesRuleFiresOnItsTrace(String technique) throws Exception {
        assumeTrue(store != null, "../shared/datasets/stratus-red-team-detonations not present");
        Set<String> traceEvents = new HashSet<>(store.sql().query(
                "SELECT e.event_id FROM events e JOIN objects o USING (object_id) WHERE o.path LIKE ?",
                r -> r.text("event_id"), "%/aws." + technique + ".json"));
        assertFalse(traceEvents.isEmpty(), "trace of " + technique + " not ingested");
        String rule = EXPECTED.get(technique);
        assertFalse(findings.stream().filter(f -> f.rule().equals(rule))
                .noneMatch(f -> f.eventIds().stream().anyMatch(traceEvents::contains)), rule + " did not fire on " + technique);
    }

    @Test
    void theCreatedAdminUserIsOneFindingWithItsWholeStory() {
        assumeTrue(store != null, "../shared/datasets/stratus-red-team-detonations not present");
        List<Finding> users = findings.stream().filter(f -> f.rule().equals("iam-user-created")).toList();
        assertEquals(1, users.size());
        assertEquals(3, users.get(0).eventIds().size(), "CreateUser, AttachUserPolicy and CreateAccessKey together");
        // the three calls share one second, so their order in the summary is not asserted
        String summary = users.get(0).summary();
        assertTrue(summary.startsWith("arn:aws:iam::229654561268:user/christophe created IAM user malicious-iam-user ("), summary);
        assertTrue(summary.contains("CreateUser") && summary.contains("AttachUserPolicy") && summary.contains("CreateAccessKey"), summary);
        assertEquals(List.of("075.050.255.67"), users.get(0).sourceIps(), "anonymised, invalid-looking IPs are kept as they are");
    }

    @Test
    void everyRecordedTraceHasAnExpectedRule() throws Exception {
        Path traces = SharedData.dataset("stratus-red-team-detonations").resolve("detonation-logs");
        Set<String> recorded;
        try (Stream<Path> s = Files.list(traces)) {
            recorded = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("aws.") && n.endsWith(".json"))
                    .map(n -> n.substring(4, n.length() - 5)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(EXPECTED.keySet()), recorded);
    }
}

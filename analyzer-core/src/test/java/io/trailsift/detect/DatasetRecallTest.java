package io.trailsift.detect;

import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.store.EventStore;
import io.trailsift.testing.SharedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Recall on recordings the rules were not written around (issue 16): every attacker credential of
 * a shared dataset is flagged by a rule other than offensive-user-agent, so a changed user agent
 * would hide nothing. A credential counts as flagged when a finding names it, or one of the
 * credentials it obtained, or holds one of their events: an attacker key that only assumed a role
 * is caught through what the role session did. Which credentials are the attacker's comes from
 * each dataset's SOURCE.md (Stratus Red Team labels its calls with its own user agent).
 */
class DatasetRecallTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "stratus-red-team-detonations | SELECT DISTINCT access_key_id FROM events WHERE user_agent LIKE 'stratus-red-team_%' AND nullif(access_key_id, '') IS NOT NULL",
        "datadog-export-stratus-2022 | SELECT DISTINCT access_key_id FROM events WHERE event_name IN ('DeleteTrail', 'GetSecretValue', 'ModifySnapshotAttribute')",
        "otrf-mordor-ec2-proxy-s3-exfil | SELECT DISTINCT access_key_id FROM events WHERE user_agent LIKE '%Darwin%' AND nullif(access_key_id, '') IS NOT NULL",
        "aws-attack-chain-lab | SELECT DISTINCT access_key_id FROM events WHERE principal_arn LIKE '%:user/aws-attack-chain-lab-attacker'"})
    void everyAttackerCredentialIsFlaggedWithoutItsUserAgent(String dataset, String attackerQuery) throws Exception {
        Path data = SharedData.dataset(dataset);
        try (EventStore store = DetectStores.ingest(tmp, dataset, List.of(data))) {
            List<Finding> findings = Detector.run(store, RuleLoader.load(Optional.empty()).rules()).findings().stream()
                    .filter(f -> !f.rule().equals("offensive-user-agent")).toList();
            List<String> attackers = store.sql().query(attackerQuery, r -> r.text("access_key_id"));
            assertFalse(attackers.isEmpty(), dataset + ": no attacker credential found by " + attackerQuery);
            Set<String> missed = new TreeSet<>();
            for (String key : attackers) {
                if (!flagged(store, key, findings)) {
                    missed.add(key);
                }
            }
            assertEquals(Set.of(), missed, dataset + ": attacker credentials no rule but offensive-user-agent flags");
        }
    }

    private static boolean flagged(EventStore store, String key, List<Finding> findings) {
        Set<String> lineage = new HashSet<>();
        for (LineageNode n : Lineage.descendants(store, key).nodes()) {
            lineage.add(n.accessKeyId());
        }
        Set<String> events = new HashSet<>(store.sql().query(
                "SELECT event_id FROM events WHERE list_contains(?, access_key_id)", r -> r.text("event_id"),
                List.copyOf(lineage)));
        return findings.stream().anyMatch(f -> f.accessKeyId().map(lineage::contains).orElse(false)
                || f.eventIds().stream().anyMatch(events::contains));
    }
}

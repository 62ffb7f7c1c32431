package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real benign activity must not raise a high or critical finding. The medium ones that do fire
 * are listed (and explained) in the README; this test keeps that list honest.
 */
class BenignPrecisionTest {
    @TempDir
    Path tmp;

    static List<Finding> hunt(Path tmp, String dataset) throws Exception {
        Path data = SharedData.dataset(dataset);
        try (EventStore store = DetectStores.ingest(tmp, dataset, List.of(data))) {
            HuntResult result = Detector.run(store, RuleLoader.load(Optional.empty()).rules());
            assertEquals(List.of(), result.problems());
            return result.findings();
        }
    }

    static Set<String> rulesAtOrAbove(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity().atLeast(severity)).map(Finding::rule)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void permisoConsoleSessionsRaiseNothingHigh() throws Exception {
        List<Finding> findings = hunt(tmp, "permiso-console-sessions");
        assertEquals(Set.of(), rulesAtOrAbove(findings, Severity.HIGH));
        assertEquals(Set.of("iam-access-key-for-other-user", "iam-login-profile-for-other-user", "security-group-opened-to-world"),
                rulesAtOrAbove(findings, Severity.MEDIUM));
    }

    @Test
    void attackChainLabServiceNoiseRaisesNothing() throws Exception {
        // 309 AssumeRole calls by Resource Explorer and its listing of everything, and the lab owner's
        // StartLogging through OrganizationAccountAccessRole: only the attacker's key is flagged
        List<Finding> findings = hunt(tmp, "aws-attack-chain-lab");
        assertEquals(Set.of("AKIAUACFUVW5KPPHDGME"), findings.stream().filter(f -> f.severity().atLeast(Severity.LOW))
                .map(f -> f.accessKeyId().orElse("none")).collect(Collectors.toSet()));
    }
}

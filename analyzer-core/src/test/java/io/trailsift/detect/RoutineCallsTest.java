package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.testkit.CallLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A pipeline that mints a key for a new user every day is one finding, not one a day; a key the
 * same pipeline role mints from somewhere new is still its own high finding.
 */
class RoutineCallsTest {
    private static final String A = "111122223333";

    @Test
    void aPipelinesDailyKeysFoldIntoOneFindingAndAKeyFromElsewhereStandsOut(@TempDir Path dir) throws Exception {
        CallLog log = new CallLog();
        for (int day = 1; day <= 5; day++) {
            log.call("k" + day, "2026-05-%02dT10:00:00Z".formatted(day), "iam", "CreateAccessKey")
                    .session("deployer", "ci-" + day, A, "ASIACI0000000000000" + day).ip("192.0.2.40")
                    .issuesAccessKey("AKIAPREVIEW00000000" + day, "preview-" + day, "preview-" + day);
        }
        log.call("x", "2026-05-05T23:00:00Z", "iam", "CreateAccessKey")
                .session("deployer", "stolen", A, "ASIASTOLEN0000000001").ip("203.0.113.66")
                .issuesAccessKey("AKIABACKDOOR00000001", "admin", "admin");
        try (EventStore store = DetectStores.ingest(dir, "routine", List.of(log.write(dir.resolve("calls.json"))))) {
            List<Finding> findings = Detector.run(store, RuleLoader.load(Optional.empty()).only(
                    List.of("iam-access-key-for-other-user")).rules()).findings();
            // days 1 and 2 have no routine to belong to yet; days 3 to 5 had two earlier days each
            assertEquals(List.of("HIGH [k1]", "HIGH [k2]", "MEDIUM [k3, k4, k5]", "HIGH [x]"), findings.stream()
                    .sorted(java.util.Comparator.comparing(Finding::firstSeen))
                    .map(f -> f.severity() + " " + f.eventIds().stream().sorted().toList()).toList());
        }
    }
}

package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.TrailLayout;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.trailsift.testkit.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Volume discipline for ssm-parameters-decrypted (issue 16): a configuration loader that walks
 * its path at every start is one medium finding for the whole store, not one high per start, and
 * no summary counts "0 parameters"; a one-off walk by someone else stays high.
 */
class SsmPathWalkTest {
    private static final Identity.Role LOADER = new Identity.Role("111111111111", "orders-task", "AROAORDERSTASK");
    private static final Instant START = Instant.parse("2026-05-20T00:00:00Z");

    private static CloudTrailEvent walk(Identity who, Instant at, String path, int n) {
        return new CloudTrailEvent(who, at, "ssm.amazonaws.com", "GetParametersByPath", "us-east-1", "walk-" + n, "req-" + n)
                .from("10.0.1.20", "aws-sdk-java/2.25.0").request(obj("path", path, "recursive", true, "withDecryption", true));
    }

    @Test
    @DisplayName("a loader's walk at every start is one medium finding; a stranger's single walk is one high")
    void repeatedWalksAreOneFinding(@TempDir Path dir) throws Exception {
        List<String> records = new ArrayList<>();
        for (int start = 0; start < 20; start++) {
            Instant at = START.plusSeconds(3600L * start);
            Identity task = Identity.assumedRole(LOADER, "task-" + start, "ASIAORDERSTASK" + String.format("%06d", start), at, false);
            records.add(walk(task, at, "/orders/prod", start).json());
        }
        Identity mallory = Identity.iamUser("111111111111", "mallory", "AIDAMALLORY", "AKIAMALLORY000000001");
        records.add(walk(mallory, START.plusSeconds(7200), "/", 99).json());
        Path file = Files.write(dir.resolve("walks.json"), TrailLayout.records(records));
        Rule rule = RuleLoader.load(java.util.Optional.empty()).rules().stream().filter(r -> r.id().equals("ssm-parameters-decrypted")).findFirst()
                .orElseThrow();
        try (EventStore store = DetectStores.ingest(dir, "walks", List.of(file))) {
            List<Finding> findings = Detector.run(store, List.of(rule)).findings();
            assertEquals(2, findings.size(), findings.toString());
            Finding loader = findings.stream().filter(f -> f.summary().contains("/orders/prod")).findFirst().orElseThrow();
            assertEquals(Severity.MEDIUM, loader.severity());
            assertEquals(20, loader.eventIds().size());
            assertTrue(loader.summary().startsWith(LOADER.arn() + " decrypted every parameter under /orders/prod (recursive) in 20 bursts"),
                    loader.summary());
            Finding stranger = findings.stream().filter(f -> f.summary().contains("mallory")).findFirst().orElseThrow();
            assertEquals(Severity.HIGH, stranger.severity());
            assertTrue(findings.stream().noneMatch(f -> f.summary().contains(" 0 ")), findings.toString());
        }
    }
}

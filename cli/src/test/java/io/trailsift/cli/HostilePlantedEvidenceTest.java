package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsift.Case;
import io.trailsift.detect.Finding;
import io.trailsift.detect.HuntResult;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.investigate.Investigation;
import io.trailsift.lineage.LineageNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.trailsift.cli.Evidence.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review #1 and #21: an object planted in the trail's bucket that reuses the eventIDs of
 * genuine records must not hide them. The decoy reuses the ids of the stolen key's six key calls
 * with harmless content, under a path that sorts before the genuine objects.
 */
class HostilePlantedEvidenceTest {
    private static final Set<String> KEY_CALLS = Set.of("CreateUser", "AttachUserPolicy", "CreateAccessKey",
            "CreatePolicyVersion", "CreateLoginProfile", "AssumeRole");
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    private static final String MONITORING_KEY = "AKIAMONITORING000001";

    @TempDir
    static Path tmp;
    static Path decoy;
    static Investigation clean;
    static Investigation planted;
    static JsonNode plantedSummary;
    static int genuineCalls;

    @BeforeAll
    static void investigateWithAndWithoutTheDecoy() throws Exception {
        List<ObjectNode> genuine = Evidence.sampleRecords().stream()
                .filter(r -> KEY.equals(r.path("userIdentity").path("accessKeyId").asText())
                        && KEY_CALLS.contains(r.path("eventName").asText()))
                .filter(distinctIds())
                .toList();
        assertEquals(KEY_CALLS, genuine.stream().map(r -> r.get("eventName").asText()).collect(Collectors.toSet()));
        genuineCalls = genuine.size();
        ObjectNode[] decoys = genuine.stream().map(r -> {
            // A call no rule reacts to, by another principal, earlier and from elsewhere: whatever the
            // decoy says, the genuine record must still count, and findings keep its attribution.
            ObjectNode d = Evidence.call("DecodeAuthorizationMessage", MONITORING_KEY, r.get("eventID").asText());
            d.put("eventSource", "sts.amazonaws.com");
            d.put("eventTime", "2026-05-20T00:00:02Z");
            d.put("sourceIPAddress", "192.0.2.10");
            ((ObjectNode) d.get("userIdentity")).put("arn", "arn:aws:iam::123456789012:user/monitoring")
                    .put("userName", "monitoring");
            return d;
        }).toArray(ObjectNode[]::new);
        decoy = Evidence.logObject(tmp.resolve("a-decoy/AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/"
                + "123456789012_CloudTrail_us-east-1_20260521T0000Z_aaaaaaaaaaaaaaaa.json.gz"), decoys);
        clean = investigate(tmp.resolve("clean.duckdb"), List.of(Evidence.sampleLogs()));
        CliRun ingest = CliRun.of("ingest", tmp.resolve("a-decoy").toString(), Evidence.sampleLogs().toString(),
                "--db", tmp.resolve("planted.duckdb").toString(), "--json");
        plantedSummary = ingest.json();
        planted = investigate(tmp.resolve("planted.duckdb"), List.of());
    }

    /** The sample holds some objects twice (a second download): one record per eventID. */
    private static java.util.function.Predicate<ObjectNode> distinctIds() {
        Set<String> seen = new java.util.HashSet<>();
        return r -> seen.add(r.get("eventID").asText());
    }

    private static Investigation investigate(Path db, List<Path> inputs) throws Exception {
        try (Case c = Case.open(db)) {
            if (!inputs.isEmpty()) {
                c.ingest(IngestOptions.defaults(inputs), IngestListener.NONE);
            }
            HuntResult hunt = c.hunt(Case.rules(Optional.empty()).rules());
            return c.investigate(KEY, hunt.findings(), AS_OF);
        }
    }

    private static Set<String> credentials(Investigation inv) {
        return inv.lineage().nodes().stream()
                .map(n -> n.accessKeyId() + " <- " + n.parent().orElse("") + " via "
                        + n.origin().map(o -> o.via() + " " + o.viaEventId()).orElse(""))
                .collect(Collectors.toSet());
    }

    private static Set<String> findings(Investigation inv) {
        return inv.findings().stream().filter(f -> !f.rule().equals("conflicting-event-copies"))
                .map(HostilePlantedEvidenceTest::describe).collect(Collectors.toSet());
    }

    /** All a finding says, attribution included: a planted copy must not lend it another principal or time. */
    private static String describe(Finding f) {
        return f.rule() + " " + f.severity() + " " + f.summary() + " " + f.eventIds().stream().sorted().toList()
                + " " + f.principalArn() + " " + f.accessKeyId() + " " + f.firstSeen() + " " + f.lastSeen()
                + " " + f.sourceIps();
    }

    @Test
    @DisplayName("review #1: with the decoy, investigate finds the same lineage, findings, changes and checklist")
    void decoyHidesNothing() {
        assertEquals(5, clean.lineage().nodes().size());
        assertEquals(credentials(clean), credentials(planted));
        Set<String> onlyClean = new java.util.TreeSet<>(findings(clean));
        onlyClean.removeAll(findings(planted));
        Set<String> onlyPlanted = new java.util.TreeSet<>(findings(planted));
        onlyPlanted.removeAll(findings(clean));
        assertEquals(Set.of(), onlyClean, "lost: " + onlyClean + "\ngained: " + onlyPlanted);
        assertEquals(Set.of(), onlyPlanted);
        assertEquals(clean.changes(), planted.changes());
        assertEquals(7, planted.changes().size());
        assertEquals(clean.containment(), planted.containment());
        assertFalse(planted.containment().isEmpty());
        LineageNode root = planted.lineage().node(KEY).orElseThrow();
        assertEquals(clean.lineage().node(KEY).orElseThrow().activity().events(), root.activity().events(),
                "every genuine call of the key is still the key's");
    }

    @Test
    @DisplayName("review #1: each disputed event is a high finding, naming the decoy and the genuine object")
    void conflictsAreRaised() {
        List<Finding> conflicts = planted.findings().stream().filter(f -> f.rule().equals("conflicting-event-copies")).toList();
        assertEquals(8, genuineCalls, "the six kinds of call, two of them made twice");
        assertEquals(genuineCalls, conflicts.size());
        for (Finding f : conflicts) {
            assertEquals("HIGH", f.severity().name());
        }
        assertTrue(clean.findings().stream().noneMatch(f -> f.rule().equals("conflicting-event-copies")));
        JsonNode listed = plantedSummary.get("conflicts");
        assertEquals(genuineCalls, listed.size());
        for (JsonNode c : listed) {
            List<String> objects = Evidence.JSON.convertValue(c.get("objects"), List.class);
            assertEquals(2, objects.size(), c.toString());
            assertTrue(objects.get(0).equals(decoy.toString()) || objects.get(1).equals(decoy.toString()), c.toString());
        }
    }

    @Test
    @DisplayName("review #1: an identical copy of a genuine object under another name is one event, not a conflict")
    void identicalCopiesAreNoConflict() throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        Path original;
        try (var files = Files.walk(Evidence.sampleLogs().resolve("AWSLogs"))) {
            original = files.filter(p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/"))
                    .sorted().findFirst().orElseThrow();
        }
        // Laid out anew, so the object is new to the store while each record's content is the same.
        String records = Evidence.JSON.readTree(new java.util.zip.GZIPInputStream(Files.newInputStream(original)))
                .get("Records").toString().replace("},{\"eventVersion\"", "},\n {\"eventVersion\"");
        Evidence.logObject(copy.resolve("second-download.json.gz"), records.substring(1, records.length() - 1));
        Path db = tmp.resolve("copies.duckdb");
        CliRun.of("ingest", original.toString(), "--db", db.toString());
        JsonNode second = CliRun.of("ingest", copy.toString(), "--db", db.toString(), "--json").json();
        assertEquals(0, second.get("conflicts").size(), second.toString());
        assertEquals(0, second.get("events_stored").asLong());
        assertTrue(second.get("events_read").asLong() > 0, second.toString());
    }

    @Test
    @DisplayName("review #21: eventIDs that differ only in a lone surrogate stay two events, neither turned into '?'")
    void loneSurrogatesKeepIdsApart() throws Exception {
        String a = Evidence.call("ListUsers", KEY, "id-X").toString().replace("\"id-X\"", "\"id-\\ud800\"");
        String b = Evidence.call("ListUsers", KEY, "id-X").toString().replace("\"id-X\"", "\"id-\\udc00\"");
        Path file = Evidence.logObject(tmp.resolve("surrogates/a.json.gz"), a + "," + b);
        Path db = tmp.resolve("surrogates.duckdb");
        JsonNode summary = CliRun.of("ingest", file.toString(), "--db", db.toString(), "--json").json();
        assertEquals(2, summary.get("events_stored").asLong());
        CliRun ids = CliRun.of("sql", "--db", db.toString(), "SELECT event_id FROM events ORDER BY event_id");
        assertTrue(ids.out().contains("id-\\\\ud800") && ids.out().contains("id-\\\\udc00"), ids.out());
        assertFalse(ids.out().contains("?"), ids.out());
    }
}

package io.trailsift.bench.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The org profile at test size: the same bytes on any thread count, and an answer key that matches the logs. */
class OrgCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EVENTS = 50_000;

    @TempDir
    static Path tmp;
    /** Every record of the one-thread corpus, by event id. */
    private static final Map<String, List<JsonNode>> RECORDS = new HashMap<>();
    private static JsonNode key;

    @BeforeAll
    static void generate() throws Exception {
        OrgCorpus.write(tmp.resolve("one"), EVENTS, 3, 1);
        OrgCorpus.write(tmp.resolve("two"), EVENTS, 3, 2);
        for (String f : logs(tmp.resolve("one"))) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(tmp.resolve("one").resolve(f)))) {
                for (JsonNode r : JSON.readTree(in).get("Records")) {
                    RECORDS.computeIfAbsent(r.get("eventID").asText(), id -> new ArrayList<>()).add(r);
                }
            }
        }
        key = JSON.readTree(tmp.resolve("one").resolve(OrgCorpus.ANSWER_KEY).toFile());
    }

    @Test
    void writesTheSameBytesWhateverTheThreadCount() throws IOException {
        List<String> files = logs(tmp.resolve("one"));
        assertEquals(files, logs(tmp.resolve("two")));
        for (String f : files) {
            assertTrue(f.matches("AWSLogs/" + Org.ORG_ID + "/\\d{12}/CloudTrail/[a-z0-9-]+/2026/05/\\d{2}/"
                    + "\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz"), f);
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(f)), Files.readAllBytes(tmp.resolve("two").resolve(f)), f);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(OrgCorpus.ANSWER_KEY)),
                Files.readAllBytes(tmp.resolve("two").resolve(OrgCorpus.ANSWER_KEY)));
    }

    @Test
    void writesExactlyTheEventsAskedForEachIdOnce() {
        assertEquals(EVENTS, RECORDS.values().stream().mapToLong(List::size).sum());
        assertTrue(RECORDS.values().stream().allMatch(copies -> copies.size() == 1), "an event id written twice");
        assertEquals(EVENTS, key.get("events_total").asLong());
        assertEquals(EVENTS - key.get("events_incident").asLong(), key.get("events_benign").asLong());
    }

    @Test
    void everyAnswerKeyEventIsInTheLogsOnceInTheLastWeek() {
        Instant lastWeek = OrgCalendar.END.minusSeconds(7 * 86_400L);
        long incident = 0;
        for (JsonNode step : key.get("steps")) {
            assertFalse(step.get("event_ids").isEmpty(), step.get("name").asText());
            for (JsonNode id : step.get("event_ids")) {
                List<JsonNode> copies = RECORDS.getOrDefault(id.asText(), List.of());
                assertEquals(1, copies.size(), id.asText());
                assertTrue(Instant.parse(copies.get(0).get("eventTime").asText()).isAfter(lastWeek), id.asText());
                incident++;
            }
        }
        assertEquals(incident, key.get("events_incident").asLong());
    }

    @Test
    void eachStepsCredentialAppearsInItsEvents() {
        for (JsonNode step : key.get("steps")) {
            String credential = step.get("credential").asText();
            boolean named = false;
            for (JsonNode id : step.get("event_ids")) {
                JsonNode r = RECORDS.get(id.asText()).get(0);
                named |= credential.equals(r.path("userIdentity").path("accessKeyId").asText())
                        || credential.equals(r.path("responseElements").path("credentials").path("accessKeyId").asText());
            }
            assertTrue(named, step.get("name").asText() + " never shows " + credential);
            assertTrue(key.get("attacker_credentials").toString().contains(credential), credential);
        }
    }

    @Test
    void theAttackerNeverNamesAToolAndComesFromAnAddressTheOrgNeverUsed() {
        String attacker = key.get("attacker_ips").get(0).asText();
        List<String> incidentIds = new ArrayList<>();
        key.get("steps").forEach(s -> s.get("event_ids").forEach(id -> incidentIds.add(id.asText())));
        for (Map.Entry<String, List<JsonNode>> e : RECORDS.entrySet()) {
            JsonNode r = e.getValue().get(0);
            boolean fromAttacker = attacker.equals(r.path("sourceIPAddress").asText());
            assertEquals(incidentIds.contains(e.getKey()) && fromAttacker, fromAttacker, e.getKey());
            if (fromAttacker) {
                assertTrue(r.get("userAgent").asText().startsWith("aws-cli/2.") && r.get("userAgent").asText().contains("os/macos"));
            }
        }
    }

    @Test
    void terraformAppliesItsChangesAndTheNewFunctionRunsOnlyAfterItsRoleExists() {
        for (String change : List.of("CreateUser svc-legacy-sftp", "CreateRole report-builder-role",
                "CreateFunction20150331 report-builder", "CreatePolicyVersion", "DeleteUser old-jenkins",
                "UpdateAssumeRolePolicy SecurityAudit")) {
            String name = change.split(" ")[0];
            String target = change.contains(" ") ? change.split(" ")[1] : "";
            long applied = RECORDS.values().stream().map(c -> c.get(0))
                    .filter(r -> r.get("eventName").asText().equals(name) && r.get("requestParameters").toString().contains(target)
                            && r.get("userAgent").asText().contains("Terraform/"))
                    .count();
            assertEquals(1, applied, change);
        }
        Instant created = first("CreateRole", "report-builder-role");
        Instant firstRun = first("AssumeRole", "role/report-builder-role");
        assertTrue(created.isBefore(firstRun), created + " / " + firstRun);
    }

    private static Instant first(String eventName, String parameter) {
        return RECORDS.values().stream().map(c -> c.get(0))
                .filter(r -> r.get("eventName").asText().equals(eventName) && r.get("requestParameters").toString().contains(parameter))
                .map(r -> Instant.parse(r.get("eventTime").asText())).min(Instant::compareTo).orElseThrow();
    }

    private static List<String> logs(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root.resolve("AWSLogs"))) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}

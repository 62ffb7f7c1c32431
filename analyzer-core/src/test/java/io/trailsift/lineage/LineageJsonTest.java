package io.trailsift.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.trailsift.lineage.LineageScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineageJsonTest {
    @TempDir
    static Path dir;
    static EventStore store;
    static Lineage lineage;

    @BeforeAll
    static void ingest() throws Exception {
        store = LineageScenario.ingest(dir);
        lineage = Lineage.descendants(store, ALICE);
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    @Test
    void jsonHasExactlyTheArchitectureFields() throws Exception {
        StringWriter out = new StringWriter();
        LineageJson.write(lineage, out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(List.of("root", "nodes"), fieldNames(json));
        assertEquals(ALICE, json.get("root").asText());
        assertEquals(7, json.get("nodes").size());
        for (JsonNode n : json.get("nodes")) {
            assertEquals(List.of("access_key_id", "kind", "principal_arn", "account_ids", "parent", "via",
                    "via_event_id", "via_disputed", "first_seen", "last_seen", "events", "source_ips", "user_agents"), fieldNames(n));
        }
        JsonNode root = json.get("nodes").get(0);
        assertEquals("long-term", root.get("kind").asText());
        assertTrue(root.get("parent").isNull());
        assertTrue(root.get("via").isNull());
        assertTrue(root.get("via_event_id").isNull());
        assertEquals("2026-05-01T10:00:00Z", root.get("first_seen").asText());
        assertEquals("2026-05-01T10:09:00Z", root.get("last_seen").asText());
        assertEquals(4, root.get("events").asInt());
        assertEquals(A, root.get("account_ids").get(0).asText());
        JsonNode admin = json.get("nodes").get(2);
        assertEquals(ADMIN, admin.get("access_key_id").asText());
        assertEquals("session", admin.get("kind").asText());
        assertEquals(OPS, admin.get("parent").asText());
        assertEquals("AssumeRole", admin.get("via").asText());
        assertEquals("a4", admin.get("via_event_id").asText());
        assertEquals(EVIL_AGENT, admin.get("user_agents").get(0).asText());
        JsonNode audit = json.get("nodes").get(5);
        assertEquals(AUDIT, audit.get("access_key_id").asText());
        assertTrue(audit.get("first_seen").isNull());
        assertEquals(0, audit.get("events").asInt());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

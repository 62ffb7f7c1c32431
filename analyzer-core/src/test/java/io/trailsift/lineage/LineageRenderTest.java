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
import java.util.Optional;

import static io.trailsift.lineage.LineageScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineageRenderTest {
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
                    "via_event_id", "first_seen", "last_seen", "events", "source_ips", "user_agents"), fieldNames(n));
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

    @Test
    void textIsAnIndentedTreeWithoutTerminalEscapes() {
        StringWriter out = new StringWriter();
        LineageText.write(lineage, out);
        String text = out.toString();
        assertTrue(text.startsWith(ALICE + "  long-term  arn:aws:iam::" + A + ":user/alice\n"), text);
        assertTrue(text.contains("├── " + OPS + "  session  arn:aws:sts::" + A + ":assumed-role/Ops/s1"), text);
        assertTrue(text.contains("│   ├── " + ADMIN + "  session"), text);
        assertTrue(text.contains("│   │   └── " + BACKDOOR + "  long-term  arn:aws:iam::" + B + ":user/backdoor"), text);
        assertTrue(text.contains("via CreateAccessKey at 2026-05-01T10:05:00Z, event a6"), text);
        assertTrue(text.contains("└── " + FED + "  session"), text);
        assertTrue(text.contains("origin: unknown"), text);
        assertTrue(text.contains("7 credentials, 10 events"), text);
        assertFalse(text.contains("\u001b"), "escape character must not reach the terminal");
    }

    @Test
    void dotLabelsCannotBreakOutOfTheirQuotes() {
        StringWriter out = new StringWriter();
        LineageDiagram.write(lineage, LineageDiagram.Style.DOT, out);
        String dot = out.toString();
        assertTrue(dot.startsWith("digraph lineage {\n"), dot);
        assertTrue(dot.contains("n0 -> n1 [label=\"AssumeRole\\n2026-05-01T10:01:00Z\"];"), dot);
        assertEquals(LineageDiagram.dot("a\"b\\c\nd"), "a\\\"b\\\\c\uFFFDd");
        // Every line is a statement we wrote: nothing from a label spills onto its own line.
        for (String line : dot.split("\n")) {
            assertTrue(line.equals("}") || line.startsWith("digraph") || line.startsWith("  "), line);
        }
    }

    @Test
    void mermaidLabelsAreEntityEncoded() {
        String encoded = LineageDiagram.mermaid(EVIL_AGENT);
        assertTrue(encoded.startsWith("x#34;#93;#59;#10; evil #91;label=#34;pwned#34;#93;#59; #37;#37; #60;img"), encoded);
        assertTrue(encoded.endsWith("#124;#27;#91;31m"), encoded);
        LineageNode admin = lineage.node(ADMIN).orElseThrow();
        Lineage withAgentInLabel = new Lineage(ADMIN, List.of(new LineageNode(ADMIN, admin.kind(),
                Optional.of(EVIL_AGENT), Optional.empty(), 0, admin.origin(), admin.activity())));
        StringWriter out = new StringWriter();
        LineageDiagram.write(withAgentInLabel, LineageDiagram.Style.MERMAID, out);
        String mermaid = out.toString();
        assertTrue(mermaid.startsWith("flowchart LR\n  n0[\"" + ADMIN + " (session)<br/>x#34;#93;"), mermaid);
        assertEquals(2, mermaid.split("\n").length, mermaid);
        StringWriter full = new StringWriter();
        LineageDiagram.write(lineage, LineageDiagram.Style.MERMAID, full);
        assertTrue(full.toString().contains("  n0 -->|\"AssumeRole<br/>2026-05-01T10:01:00Z\"| n1"), full.toString());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

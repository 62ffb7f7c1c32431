package io.trailsift.render;

import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.lineage.LineageScenario;
import io.trailsift.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
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
        assertEquals("a\\\"b\\\\c\\\\x0ad", Escape.dot("a\"b\\c\nd"), "a line break shows as an escape, inside the label");
        // Every line is a statement we wrote: nothing from a label spills onto its own line.
        for (String line : dot.split("\n")) {
            assertTrue(line.equals("}") || line.startsWith("digraph") || line.startsWith("  "), line);
        }
    }

    @Test
    void mermaidLabelsAreEntityEncoded() {
        String encoded = Escape.mermaid(EVIL_AGENT);
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
}

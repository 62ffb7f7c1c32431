package io.trailsift.render;

import io.trailsift.event.EventTimes;
import io.trailsift.lineage.CredentialActivity;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Graphviz DOT and Mermaid renderings of a lineage. Node ids are generated ({@code n0}, {@code n1},
 * ...); log values only ever appear inside quoted labels, escaped for the target syntax so that a
 * crafted user agent or ARN cannot close the label and inject graph statements.
 */
final class LineageDiagram {
    enum Style { DOT, MERMAID }

    private LineageDiagram() {
    }

    static void write(Lineage lineage, Style style, Writer out) {
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        Map<String, String> ids = new HashMap<>();
        for (LineageNode n : lineage.nodes()) {
            ids.put(n.accessKeyId(), "n" + ids.size());
        }
        w.println(style == Style.DOT ? "digraph lineage {" : "flowchart LR");
        if (style == Style.DOT) {
            w.println("  rankdir=LR;");
            w.println("  node [shape=box, fontname=\"monospace\"];");
        }
        for (LineageNode n : lineage.nodes()) {
            String id = ids.get(n.accessKeyId());
            w.println(style == Style.DOT
                    ? "  " + id + " [label=\"" + dotLines(nodeLines(n)) + "\"];"
                    : "  " + id + "[\"" + mermaidLines(nodeLines(n)) + "\"]");
        }
        for (LineageNode n : lineage.nodes()) {
            if (n.parent().isEmpty()) {
                continue;
            }
            List<String> edge = n.origin().map(o -> o.disputed() ? List.of(o.via(), EventTimes.format(o.viaTime()), "DISPUTED")
                    : List.of(o.via(), EventTimes.format(o.viaTime()))).orElse(List.of());
            String from = ids.get(n.parent().get());
            String to = ids.get(n.accessKeyId());
            w.println(style == Style.DOT
                    ? "  " + from + " -> " + to + " [label=\"" + dotLines(edge) + "\"];"
                    : "  " + from + " -->|\"" + mermaidLines(edge) + "\"| " + to);
        }
        if (style == Style.DOT) {
            w.println("}");
        }
        w.flush();
    }

    private static List<String> nodeLines(LineageNode n) {
        List<String> lines = new ArrayList<>();
        lines.add(n.accessKeyId() + " (" + n.kind().label() + ")");
        n.principalArn().ifPresent(lines::add);
        CredentialActivity a = n.activity();
        lines.add(a.events() + " events" + a.firstSeen().map(t -> " " + EventTimes.format(t) + " .. " + EventTimes.format(a.lastSeen().orElse(t))).orElse(""));
        if (!a.sourceIps().isEmpty()) {
            lines.add(String.join(", ", a.sourceIps()));
        }
        return lines;
    }

    private static String dotLines(List<String> lines) {
        return String.join("\\n", lines.stream().map(Escape::dot).toList());
    }

    private static String mermaidLines(List<String> lines) {
        return String.join("<br/>", lines.stream().map(Escape::mermaid).toList());
    }
}

package io.trailsift.render;

import io.trailsift.event.EventTimes;
import io.trailsift.lineage.CredentialActivity;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.lineage.Origin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The credential lineage as an SVG tree drawn in indented rows, the way a file tree is: each
 * credential a box (key, kind, principal, events and when, source IPs, the event that issued it),
 * joined to its parent by an elbow. This layout stays readable for a deep or wide tree, and the
 * picture is as tall as the tree is long. Every value is escaped with {@link Escape#html}; the
 * full text of a cut value is in the box's tooltip.
 */
final class LineageSvg {
    /** A tree larger than this is drawn to here; the text tree and {@code key} list the rest. */
    static final int MAX_NODES = 300;
    private static final int INDENT = 36;
    private static final int BOX_W = 740;
    private static final int LINE_H = 16;
    private static final int LINES = 5;
    private static final int BOX_H = LINES * LINE_H + 10;
    private static final int GAP = 14;
    private static final int MAX_CHARS = 96;

    private LineageSvg() {
    }

    static String draw(Lineage lineage) {
        Map<String, List<LineageNode>> children = new HashMap<>();
        for (LineageNode n : lineage.nodes()) {
            n.parent().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(n));
        }
        record Placed(LineageNode node, int depth, int row, int parentRow) {
        }
        List<Placed> placed = new ArrayList<>();
        record Todo(LineageNode node, int depth, int parentRow) {
        }
        List<Todo> stack = new ArrayList<>();
        lineage.node(lineage.root()).ifPresent(r -> stack.add(new Todo(r, 0, -1)));
        while (!stack.isEmpty() && placed.size() < MAX_NODES) {
            Todo t = stack.remove(stack.size() - 1);
            int row = placed.size();
            placed.add(new Placed(t.node(), t.depth(), row, t.parentRow()));
            List<LineageNode> kids = children.getOrDefault(t.node().accessKeyId(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.add(new Todo(kids.get(i), t.depth() + 1, row));
            }
        }
        int maxDepth = placed.stream().mapToInt(Placed::depth).max().orElse(0);
        int width = 20 + maxDepth * INDENT + BOX_W + 20;
        int height = 20 + placed.size() * (BOX_H + GAP) + (lineage.nodes().size() > placed.size() ? 24 : 0);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"lineage\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\"><title>Credential lineage of ").append(Escape.html(lineage.root())).append("</title>\n");
        for (Placed p : placed) {
            int x = 20 + p.depth() * INDENT;
            int y = 20 + p.row() * (BOX_H + GAP);
            if (p.parentRow() >= 0) {
                int px = 20 + (p.depth() - 1) * INDENT + 14;
                int py = 20 + p.parentRow() * (BOX_H + GAP) + BOX_H;
                svg.append("<path d=\"M").append(px).append(' ').append(py).append(" V").append(y + BOX_H / 2)
                        .append(" H").append(x).append("\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"1.5\"/>\n");
            }
            LineageNode n = p.node();
            List<String> lines = lines(n);
            boolean attacker = n.parent().isPresent();
            svg.append("<g class=\"node\" data-key=\"").append(Escape.html(n.accessKeyId())).append("\"><title>")
                    .append(Escape.html(String.join("\n", lines))).append("</title>");
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"")
                    .append(attacker ? "#fff1f0" : "#f0f6ff").append("\" stroke=\"").append(attacker ? "#cf222e" : "#0969da")
                    .append("\"/>");
            for (int i = 0; i < lines.size(); i++) {
                svg.append("<text x=\"").append(x + 8).append("\" y=\"").append(y + 17 + i * LINE_H)
                        .append("\" font-size=\"").append(i == 0 ? 13 : 12).append(i == 0 ? "\" font-weight=\"bold" : "")
                        .append("\">").append(Escape.html(cut(lines.get(i)))).append("</text>");
            }
            svg.append("</g>\n");
        }
        if (lineage.nodes().size() > placed.size()) {
            svg.append("<text x=\"20\" y=\"").append(height - 8).append("\" font-size=\"12\">")
                    .append(lineage.nodes().size() - placed.size())
                    .append(" more credentials not drawn: see the text tree above</text>\n");
        }
        return svg.append("</svg>").toString();
    }

    private static List<String> lines(LineageNode n) {
        CredentialActivity a = n.activity();
        List<String> lines = new ArrayList<>();
        lines.add(n.accessKeyId() + "  (" + n.kind().label() + ")");
        lines.add(n.principalArn().orElse("(principal unknown)"));
        lines.add(a.events() + " event" + (a.events() == 1 ? "" : "s")
                + a.firstSeen().map(t -> "  " + EventTimes.format(t) + " .. " + EventTimes.format(a.lastSeen().orElse(t))).orElse(""));
        lines.add("IPs: " + (a.sourceIps().isEmpty() ? "none" : String.join(", ", a.sourceIps())));
        lines.add(n.origin().map(LineageSvg::issued).orElse("issued by: not in the logs (leaked, or older than them)"));
        return lines;
    }

    private static String issued(Origin o) {
        return "issued by " + o.via() + " at " + EventTimes.format(o.viaTime()) + ", event " + o.viaEventId()
                + (o.disputed() ? " (DISPUTED)" : "");
    }

    private static String cut(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
    }
}

package io.trailsift.render;


import io.trailsift.event.EventTimes;
import io.trailsift.lineage.CredentialActivity;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.lineage.Origin;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An indented tree for a person at a terminal: one header line per credential (key, kind,
 * principal), then how it was obtained and what it did. Every value from the logs goes through
 * {@link Escape#terminal}, which neutralises terminal escape sequences.
 */
final class LineageText {
    private static final int MAX_LISTED = 8;
    /** Longer than any genuine key, ARN or user agent; a longer value is cut and its length said. */
    private static final int MAX_VALUE = 512;

    private LineageText() {
    }

    static void write(Lineage lineage, Writer out) {
        write(lineage, Screen.UNLIMITED, out, Detail.FULL);
    }

    /** How much of each credential to show besides its origin and activity. */
    enum Detail {
        /** Source IPs and user agents. */
        FULL,
        /** Source IPs (a report lists the agents under its indicators). */
        IPS,
        /** Nothing more: one screen. */
        BRIEF
    }

    static void write(Lineage lineage, Writer out, Detail shown) {
        write(lineage, Screen.UNLIMITED, out, shown);
    }

    /** The tree, each line cut to fit {@code screen} (the tree art kept whole). */
    static void write(Lineage lineage, Screen screen, Writer out, Detail shown) {
        Lines w = new Lines(out instanceof PrintWriter p ? p : new PrintWriter(out), screen);
        Map<String, List<LineageNode>> children = new HashMap<>();
        for (LineageNode n : lineage.nodes()) {
            n.parent().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(n));
        }
        lineage.node(lineage.root()).ifPresent(root -> render(w, root, children, "", "", true, shown));
        long credentials = lineage.nodes().size();
        long events = lineage.nodes().stream().mapToLong(n -> n.activity().events()).sum();
        w.line("", "");
        w.line("", String.format("%d credential%s, %d event%s", credentials, credentials == 1 ? "" : "s",
                events, events == 1 ? "" : "s"));
        w.out.flush();
    }

    /** Tree lines: the tree art, then the text, cut when the line would pass the screen's edge. */
    private record Lines(PrintWriter out, Screen screen) {
        /** Text is never cut below this, even deep in a tree on a narrow screen. */
        private static final int MIN_TEXT = 12;

        /** A detail line: cut at its end, where the lists and ids are. */
        void line(String art, String text) {
            out.println(art + (screen.limited() ? TableFit.cutEnd(text, room(art)) : text));
        }

        /** A credential's line: {@code head} (key and kind) whole, {@code tail} (its principal ARN) cut in the middle. */
        void line(String art, String head, String tail) {
            int room = room(art) - TableFit.width(head);
            if (!screen.limited() || room >= MIN_TEXT) {
                out.println(art + head + (screen.limited() ? TableFit.cutMiddle(tail, room) : tail));
            } else {
                line(art, head + tail);
            }
        }

        private int room(String art) {
            return Math.max(MIN_TEXT, screen.columns() - TableFit.width(art));
        }
    }

    private static void render(Lines w, LineageNode n, Map<String, List<LineageNode>> children,
                               String branch, String indent, boolean root, Detail shown) {
        w.line(branch, value(n.accessKeyId()) + "  " + n.kind().label() + "  ",
                n.principalArn().map(LineageText::value).orElse("(principal unknown)"));
        List<LineageNode> kids = children.getOrDefault(n.accessKeyId(), List.of());
        String detail = indent + (kids.isEmpty() ? "    " : "│   ");
        w.line(detail, origin(n, root));
        w.line(detail, activity(n.activity()));
        if (shown != Detail.BRIEF && !n.activity().sourceIps().isEmpty()) {
            w.line(detail, "ips: " + listed(n.activity().sourceIps()));
        }
        // One agent per line: on a terminal each is its client (tool, OS, language), so a line per client.
        String label = "agents: ";
        for (String agent : shown == Detail.FULL ? limited(n.activity().userAgents()) : List.<String>of()) {
            w.line(detail, label + agent);
            label = " ".repeat(label.length());
        }
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            render(w, kids.get(i), children, indent + (last ? "└── " : "├── "),
                    indent + (last ? "    " : "│   "), false, shown);
        }
    }

    private static String origin(LineageNode n, boolean root) {
        if (n.origin().isEmpty()) {
            return "origin: unknown (no call that issued this key is in the logs)";
        }
        Origin o = n.origin().get();
        String from;
        if (o.parentKey().isEmpty()) {
            from = " by a caller with no access key";
        } else {
            // Inside the tree the parent is the line above; the root's parent is outside it.
            from = root ? " by " + value(o.parentKey().get()) + " (its ancestors: key --up)" : "";
        }
        return "via " + o.via() + from + " at " + EventTimes.format(o.viaTime()) + ", event " + value(o.viaEventId())
                + (o.disputed() ? " (DISPUTED: copies of this event differ; see verify)" : "");
    }

    private static String activity(CredentialActivity a) {
        if (a.events() == 0) {
            return "no logged calls";
        }
        return a.firstSeen().map(EventTimes::format).orElse("?") + " .. " + a.lastSeen().map(EventTimes::format).orElse("?")
                + "  " + a.events() + " event" + (a.events() == 1 ? "" : "s")
                + "  accounts " + listed(a.accountIds());
    }

    private static String listed(List<String> values) {
        return String.join(", ", limited(values));
    }

    /** At most {@link #MAX_LISTED} values, terminal-safe, then how many more there are. */
    private static List<String> limited(List<String> values) {
        List<String> shown = new ArrayList<>(values.stream().limit(MAX_LISTED).map(LineageText::value).toList());
        if (values.size() > MAX_LISTED) {
            shown.add("(+" + (values.size() - MAX_LISTED) + " more)");
        }
        return shown;
    }

    /** A value from the logs, terminal-safe and cut at {@link #MAX_VALUE}. */
    private static String value(String v) {
        return Escape.terminal(v, MAX_VALUE);
    }
}

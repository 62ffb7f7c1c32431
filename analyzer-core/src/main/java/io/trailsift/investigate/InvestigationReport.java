package io.trailsift.investigate;

import io.trailsift.detect.Finding;
import io.trailsift.lineage.LineageNode;
import io.trailsift.lineage.LineageText;
import io.trailsift.report.RowFormat;
import io.trailsift.report.RowSet;
import io.trailsift.report.RowWriter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders an {@link Investigation} as Markdown (the report file) or as text (the terminal). Both
 * carry the same sections; every value from the logs goes through {@link RowWriter}'s escaping,
 * and code blocks get a fence longer than any backtick run inside them.
 */
public final class InvestigationReport {
    /** Past this, the report points to {@code trailsift timeline} instead of listing every event. */
    static final int MAX_TIMELINE_ROWS = 2000;

    private InvestigationReport() {
    }

    public static void markdown(Investigation inv, Writer out) {
        write(inv, new Style(true, new PrintWriter(out)));
    }

    public static void text(Investigation inv, Writer out) {
        write(inv, new Style(false, new PrintWriter(out)));
    }

    /** Markdown or terminal text: headings, inline text, tables and code blocks. */
    private record Style(boolean md, PrintWriter w) {
        void heading(int level, String title) {
            w.println();
            w.println(md ? "#".repeat(level) + " " + title : title.toUpperCase(java.util.Locale.ROOT));
            if (!md) {
                w.println("=".repeat(title.length()));
            }
        }

        String inline(Object value) {
            return md ? RowWriter.mdCell(value) : RowWriter.terminalSafe(String.valueOf(value));
        }

        void table(RowSet rows) {
            RowWriter.write(rows, md ? RowFormat.MD : RowFormat.TABLE, w);
        }

        void code(String language, String text) {
            if (!md) {
                text.lines().forEach(l -> w.println("    " + RowWriter.terminalSafe(l)));
                return;
            }
            String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
            w.println(fence + language);
            w.println(text.stripTrailing());
            w.println(fence);
        }
    }

    private static void write(Investigation inv, Style s) {
        s.w().println(s.md() ? "# trailsift investigation of " + s.inline(inv.key())
                : "TRAILSIFT INVESTIGATION OF " + s.inline(inv.key()));
        s.w().println();
        s.w().println("As of " + inv.asOf() + ". trailsift read only the logs; it never called AWS.");
        summary(inv, s);
        baseline(inv, s);
        s.heading(2, "Credential lineage");
        StringWriter tree = new StringWriter();
        LineageText.write(inv.lineage(), tree);
        s.code("", tree.toString());
        s.heading(2, "Findings touching the lineage (" + inv.findings().size() + ")");
        s.table(findings(inv.findings()));
        s.heading(2, "Changes made by the lineage (" + inv.changes().size() + ")");
        s.table(changes(inv.changes()));
        s.heading(2, "Containment checklist");
        for (ContainmentStep step : inv.containment()) {
            s.w().println((s.md() ? "- [ ] " : "[ ] ") + s.inline(step.action()) + " (account "
                    + s.inline(step.accountId()) + "): " + s.inline(step.why()));
            if (!step.commands().isEmpty()) {
                s.code("sh", String.join("\n", step.commands()));
            }
        }
        s.heading(2, "Timeline of the lineage (" + inv.timeline().rows().size() + " events)");
        RowSet timeline = inv.timeline();
        if (timeline.rows().size() > MAX_TIMELINE_ROWS) {
            s.w().println("First " + MAX_TIMELINE_ROWS + " events; all of them: trailsift timeline --key "
                    + s.inline(inv.key()) + " --follow");
            timeline = new RowSet(timeline.columns(), timeline.rows().subList(0, MAX_TIMELINE_ROWS));
        }
        s.table(timeline);
        s.w().flush();
    }

    private static void summary(Investigation inv, Style s) {
        s.heading(2, "Summary");
        List<LineageNode> nodes = inv.lineage().nodes();
        long events = nodes.stream().mapToLong(n -> n.activity().events()).sum();
        TreeSet<String> accounts = new TreeSet<>();
        TreeSet<String> ips = new TreeSet<>();
        nodes.forEach(n -> {
            accounts.addAll(n.activity().accountIds());
            ips.addAll(n.activity().sourceIps());
        });
        Map<String, Long> bySeverity = new TreeMap<>(inv.findings().stream()
                .collect(Collectors.groupingBy(f -> f.severity().label(), Collectors.counting())));
        String bullet = s.md() ? "- " : "  ";
        s.w().println(bullet + "Credentials in the lineage: " + nodes.size() + " in accounts " + s.inline(String.join(", ", accounts)));
        s.w().println(bullet + "Events by the lineage: " + events + " from " + ips.size() + " source IPs");
        s.w().println(bullet + inv.baseline().pivot()
                .map(t -> "First call from a new IP: " + t + " from " + s.inline(inv.baseline().pivotIp().orElse("?")))
                .orElse("The key never changed source IP"));
        s.w().println(bullet + "Findings touching the lineage: " + inv.findings().size() + (bySeverity.isEmpty() ? ""
                : " (" + bySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")"));
        s.w().println(bullet + "Changes to review or revert: " + inv.changes().size());
    }

    private static void baseline(Investigation inv, Style s) {
        String pivot = inv.baseline().pivot().map(Object::toString).orElse("the end of the logs");
        s.heading(2, "Normal behaviour of " + inv.key() + " before " + pivot);
        s.table(inv.baseline().before());
        if (inv.baseline().pivot().isPresent()) {
            s.heading(2, "New from " + pivot + " on");
            s.table(inv.baseline().after());
        }
    }

    private static RowSet findings(List<Finding> findings) {
        List<List<Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(List.of(f.severity().label(), f.rule(), f.firstSeen().toString(), f.principalArn().orElse(""),
                    f.accessKeyId().orElse(""), f.summary()));
        }
        return new RowSet(List.of("severity", "rule", "first_seen", "principal_arn", "access_key_id", "summary"), rows);
    }

    private static RowSet changes(List<IamChange> changes) {
        List<List<Object>> rows = new ArrayList<>();
        for (IamChange c : changes) {
            String target = String.join(" ", c.user().map(u -> "user=" + u).orElse(""), c.role().map(r -> "role=" + r).orElse(""),
                    c.group().map(g -> "group=" + g).orElse(""), c.policyArn().or(c::policy).map(p -> "policy=" + p).orElse(""),
                    c.issuedKey().map(k -> "key=" + k).orElse(""), c.trail().map(t -> "trail=" + t).orElse("")).trim()
                    .replaceAll(" +", " ");
            rows.add(List.of(c.time().toString(), c.eventName(), c.accountId(), c.byKey(), target, c.eventId()));
        }
        return new RowSet(List.of("time", "event", "account_id", "by_key", "target", "event_id"), rows);
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}

package io.trailsift.render;

import io.trailsift.detect.Finding;
import io.trailsift.event.EventTimes;
import io.trailsift.investigate.ChangeToUndo;
import io.trailsift.investigate.ContainmentStep;
import io.trailsift.investigate.Investigation;
import io.trailsift.investigate.KeyBaseline;
import io.trailsift.lineage.LineageNode;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.store.RowSet;
import io.trailsift.triage.RankedEntity;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An {@link Investigation} as a document, the same sections in every medium: Markdown (the report
 * file) or text (the terminal). Every value from the logs goes through the medium's escaping.
 */
public final class InvestigationDocument {
    /** Past this, the document points to {@code trailsift timeline} instead of listing every event. */
    static final int MAX_TIMELINE_ROWS = 2000;
    /** Past this, the document points to {@code trailsift hunt} for the rest of the ranking. */
    static final int MAX_ELSEWHERE = 10;

    private InvestigationDocument() {
    }

    public static void markdown(Investigation inv, Writer out) {
        write(inv, new MarkdownStyle(printer(out)));
    }

    public static void text(Investigation inv, Writer out) {
        write(inv, new TextStyle(printer(out)));
    }

    private static PrintWriter printer(Writer out) {
        return out instanceof PrintWriter p ? p : new PrintWriter(out);
    }

    private static void write(Investigation inv, DocumentStyle s) {
        s.title("trailsift investigation of ", inv.key());
        s.paragraph("");
        s.paragraph("As of " + EventTimes.format(inv.asOf()) + ". trailsift read only the logs; it never called AWS.");
        summary(inv, s);
        baseline(inv, s);
        s.heading(2, "Credential lineage");
        StringWriter tree = new StringWriter();
        LineageText.write(inv.lineage(), tree);
        s.code("", tree.toString());
        s.heading(2, "Findings touching the lineage (" + inv.findings().size() + ")");
        s.table(findings(inv.findings()));
        elsewhere(inv, s);
        s.heading(2, "Changes made by the lineage (" + inv.changes().size() + ")");
        s.table(changes(inv.changes()));
        s.heading(2, "Containment checklist");
        for (ContainmentStep step : inv.containment()) {
            s.checkbox(s.inline(step.action()) + " (account " + s.inline(step.accountId()) + "): " + s.inline(step.why()));
            step.warning().ifPresent(w -> s.warning(s.inline(w)));
            if (!step.commands().isEmpty()) {
                s.code("sh", String.join("\n", step.commands()));
            }
        }
        List<TimelineRow> timeline = inv.timeline();
        s.heading(2, "Timeline of the lineage (" + timeline.size() + " events)");
        if (timeline.size() > MAX_TIMELINE_ROWS) {
            s.paragraph("First " + MAX_TIMELINE_ROWS + " events; all of them: trailsift timeline --key "
                    + s.inline(inv.key()) + " --follow");
            timeline = timeline.subList(0, MAX_TIMELINE_ROWS);
        }
        s.table(new RowSet(TimelineRow.COLUMNS, timeline.stream().map(TimelineRow::values).toList()));
        s.flush();
    }

    private static void summary(Investigation inv, DocumentStyle s) {
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
        KeyBaseline baseline = inv.baseline();
        s.bullet("Credentials in the lineage: " + nodes.size() + " in accounts " + s.inline(String.join(", ", accounts)));
        s.bullet("Events by the lineage: " + events + " from " + ips.size() + " source IPs");
        s.bullet(baseline.firstNewIpAt()
                .map(t -> "First call from a new IP: " + EventTimes.format(t) + " from " + s.inline(baseline.newIp().orElse("?")))
                .orElse("The key never changed source IP"));
        s.bullet("Findings touching the lineage: " + inv.findings().size() + (bySeverity.isEmpty() ? ""
                : " (" + bySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")"));
        s.bullet("Changes to review or revert: " + inv.changes().size());
    }

    /** The principals and credentials of the other findings, ranked as {@code hunt} ranks them. */
    private static void elsewhere(Investigation inv, DocumentStyle s) {
        List<RankedEntity> ranked = inv.elsewhere();
        s.heading(2, "What else looks compromised (" + FindingTables.entities(ranked.size()) + " outside the lineage)");
        if (ranked.size() > MAX_ELSEWHERE) {
            s.paragraph("The " + MAX_ELSEWHERE + " highest triage scores; all of them: trailsift hunt");
            ranked = ranked.subList(0, MAX_ELSEWHERE);
        }
        s.table(FindingTables.ranked(ranked));
    }

    private static void baseline(Investigation inv, DocumentStyle s) {
        KeyBaseline baseline = inv.baseline();
        String split = baseline.firstNewIpAt().map(EventTimes::format).orElse("the end of the logs");
        s.heading(2, "Normal behaviour of " + inv.key() + " before " + split);
        s.table(usage(baseline.before()));
        if (baseline.firstNewIpAt().isPresent()) {
            s.heading(2, "New from " + split + " on");
            s.table(usage(baseline.after()));
        }
    }

    private static RowSet usage(List<KeyBaseline.Usage> usage) {
        return new RowSet(List.of("dimension", "value", "events"),
                usage.stream().map(u -> List.<Object>of(u.dimension(), u.value(), u.events())).toList());
    }

    private static RowSet findings(List<Finding> findings) {
        List<List<Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(List.of(f.severity().label(), f.rule(), f.firstSeen(), f.principalArn().orElse(""),
                    f.accessKeyId().orElse(""), f.summary()));
        }
        return new RowSet(List.of("severity", "rule", "first_seen", "principal_arn", "access_key_id", "summary"), rows);
    }

    private static RowSet changes(List<ChangeToUndo> changes) {
        List<List<Object>> rows = new ArrayList<>();
        for (ChangeToUndo c : changes) {
            String target = String.join(" ", c.user().map(u -> "user=" + u).orElse(""), c.role().map(r -> "role=" + r).orElse(""),
                    c.group().map(g -> "group=" + g).orElse(""), c.policyArn().or(c::policy).map(p -> "policy=" + p).orElse(""),
                    c.issuedKey().map(k -> "key=" + k).orElse(""), c.trail().map(t -> "trail=" + t).orElse("")).trim()
                    .replaceAll(" +", " ");
            rows.add(Arrays.asList(c.time(), c.eventName(), c.accountId(), c.byKey(), target, c.eventId()));
        }
        return new RowSet(List.of("time", "event", "account_id", "by_key", "target", "event_id"), rows);
    }
}

package io.trailsift.render;

import io.trailsift.Case;
import io.trailsift.detect.Finding;
import io.trailsift.event.EventTimes;
import io.trailsift.investigate.ChangeToUndo;
import io.trailsift.investigate.ContainmentStep;
import io.trailsift.investigate.CreatedPrincipal;
import io.trailsift.investigate.EvidenceLimits;
import io.trailsift.investigate.Investigation;
import io.trailsift.investigate.KeyBaseline;
import io.trailsift.investigate.Touched;
import io.trailsift.lineage.LineageNode;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.store.RowSet;
import io.trailsift.triage.RankedEntity;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An {@link Investigation} as a document, triage first, the same sections in every medium: HTML
 * (the case report), Markdown or text; and the one screen {@code investigate} prints. Every value
 * from the logs goes through the medium's escaping.
 */
public final class InvestigationDocument {
    /** Past this, the document points to {@code trailsift hunt} for the rest of the ranking. */
    static final int MAX_ELSEWHERE = 10;
    /** Rows of a created user's own activity listed; the timeline has them all. */
    static final int MAX_USER_ROWS = 50;
    /** Findings and checklist items on the one-screen summary. */
    static final int SCREEN_FINDINGS = 5;
    static final int SCREEN_STEPS = 8;
    /** Names listed in one cell of the resources table (an exfiltration reads thousands of objects). */
    static final int MAX_IDS = 20;
    /** Values per dimension listed for a key without history. */
    static final int MAX_PROFILE = 10;
    /** The columns of the report's timeline: the CSV beside it has them all. */
    private static final List<String> EVENT_COLUMNS = List.of("event_time", "event_name", "access_key_id", "account_id",
            "aws_region", "source_ip", "user_agent", "error_code", "event_id");

    private InvestigationDocument() {
    }

    public static void html(Investigation inv, ReportOptions options, Writer out) {
        write(inv, options, new HtmlStyle(printer(out)));
    }

    public static void markdown(Investigation inv, ReportOptions options, Writer out) {
        write(inv, options, new MarkdownStyle(printer(out)));
    }

    public static void text(Investigation inv, ReportOptions options, Writer out) {
        write(inv, options, new TextStyle(printer(out)));
    }

    /** Every event of the lineage, all columns, as CSV: the file beside the report. */
    public static void timelineCsv(Investigation inv, Writer out) {
        TableWriter.write(new RowSet(TimelineRow.COLUMNS, inv.timeline().stream().map(TimelineRow::values).toList()),
                TableFormat.CSV, out);
    }

    /**
     * What fits one terminal screen: the summary, the lineage tree, the top findings, the
     * checklist's headings and where the full report is.
     */
    public static void screen(Investigation inv, Optional<String> report, Screen screen, Writer out) {
        DocumentStyle s = new TextStyle(printer(out), screen);
        s.title("trailsift investigation of ", inv.key());
        summary(inv, s);
        s.heading(2, "Credential lineage");
        StringWriter tree = new StringWriter();
        // the tree's own cut (principal ARNs in their middle) within the code block's indent
        LineageText.write(inv.lineage(), screen.limited() ? new Screen(screen.columns() - 4, false) : screen, tree,
                LineageText.Detail.BRIEF);
        s.code("", tree.toString());
        List<Finding> findings = inv.findings();
        s.heading(2, "Top findings (" + Math.min(SCREEN_FINDINGS, findings.size()) + " of " + findings.size() + ")");
        for (Finding f : findings.subList(0, Math.min(SCREEN_FINDINGS, findings.size()))) {
            s.bullet(f.severity().label() + "  " + s.inline(f.rule()) + "  " + EventTimes.format(f.firstSeen()) + "  "
                    + s.inline(Escape.terminal(f.summary(), 100)));
        }
        s.heading(2, "Containment checklist (" + inv.containment().size() + " items)");
        List<ContainmentStep> steps = inv.containment();
        for (ContainmentStep step : steps.subList(0, Math.min(SCREEN_STEPS, steps.size()))) {
            s.checkbox(s.inline(step.action()));
        }
        if (steps.size() > SCREEN_STEPS) {
            s.paragraph("    ... and " + (steps.size() - SCREEN_STEPS) + " more in the report");
        }
        s.paragraph("");
        s.paragraph(report.map(r -> "Full report (commands, evidence, timeline): " + s.inline(r))
                .orElse("No report written."));
        s.flush();
    }

    private static PrintWriter printer(Writer out) {
        return out instanceof PrintWriter p ? p : new PrintWriter(out);
    }

    private static void write(Investigation inv, ReportOptions options, DocumentStyle s) {
        s.title("trailsift case report: ", inv.key());
        s.paragraph("As of " + EventTimes.format(inv.asOf()) + ", by trailsift " + s.inline(Case.build().describe())
                + ". trailsift read only the logs; it never called AWS.");
        summary(inv, s);
        behaviour(inv, s);
        s.heading(2, "Credential lineage");
        StringWriter tree = new StringWriter();
        LineageText.write(inv.lineage(), tree, LineageText.Detail.IPS);
        if (s.draws()) {
            s.picture(LineageSvg.draw(inv.lineage()));
        }
        if (!s.draws() || inv.lineage().nodes().size() > LineageSvg.MAX_NODES) {
            s.code("", tree.toString());
        }
        if (s.draws()) {
            s.heading(2, "Activity over time");
            chart(inv).ifPresent(s::picture);
        }
        s.heading(2, "Findings touching the lineage (" + inv.findings().size() + "), ranked");
        s.table(findings(inv.findings()));
        createdUsers(inv, s);
        s.heading(2, "Resources made and data read (" + inv.touched().size() + ")");
        s.table(touched(inv.touched()));
        s.heading(2, "IAM and logging changes made by the lineage (" + inv.changes().size() + ")");
        s.table(changes(inv.changes()));
        checklist(inv, s);
        iocs(inv, s);
        limits(inv, options, s);
        elsewhere(inv, s);
        timeline(inv, options, s);
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
        inv.lineage().node(inv.key()).flatMap(LineageNode::principalArn)
                .ifPresent(p -> s.bullet("Key " + s.inline(inv.key()) + " of " + s.inline(p)));
        s.bullet("Credentials in the lineage: " + nodes.size() + " in accounts " + s.inline(String.join(", ", accounts)));
        s.bullet("Events by the lineage: " + events + " from " + ips.size() + " source IPs; attacker period: "
                + inv.attackerPeriod().size() + " events");
        s.bullet(baseline.firstNewIpAt()
                .map(t -> "First call from a new IP: " + EventTimes.format(t) + " from " + s.inline(baseline.newIp().orElse("?")))
                .orElse("The key never changed source IP"));
        s.bullet("Findings touching the lineage: " + inv.findings().size() + (bySeverity.isEmpty() ? ""
                : " (" + bySeverity.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + ")"));
        String attack = inv.findings().stream().flatMap(f -> f.attack().stream()).distinct().sorted()
                .collect(Collectors.joining(", "));
        if (!attack.isEmpty()) {
            s.bullet("ATT&CK techniques: " + s.inline(attack));
        }
        if (!inv.createdUsers().isEmpty()) {
            s.bullet("IAM users created: " + s.inline(inv.createdUsers().stream().map(CreatedPrincipal::userName)
                    .collect(Collectors.joining(", "))));
        }
        Map<String, Long> touched = new LinkedHashMap<>();
        inv.touched().forEach(t -> touched.merge(t.kind().label(), (long) Math.max(1, t.ids().size()), Long::sum));
        if (!touched.isEmpty()) {
            s.bullet("Resources made and data read: " + touched.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")));
        }
        s.bullet("IAM and logging changes to review or revert: " + inv.changes().size()
                + "; containment checklist: " + inv.containment().size() + " items");
        long damaged = inv.limits().damaged().size();
        s.bullet(damaged == 0 ? "No damaged log object overlaps the lineage's activity"
                : damaged + (damaged == 1 ? " damaged log object overlaps" : " damaged log objects overlap")
                + " the lineage's activity: some of its calls may be missing (see Evidence and limits)");
    }

    /** What changed, or, when the key has no history to compare with, just what it did. */
    private static void behaviour(Investigation inv, DocumentStyle s) {
        KeyBaseline baseline = inv.baseline();
        if (!baseline.hasHistory()) {
            s.heading(2, "Activity of " + inv.key() + " (no baseline available)");
            s.paragraph("The key has " + (baseline.firstNewIpAt().isEmpty() ? "never changed source IP"
                    : "only " + baseline.eventsBefore() + " calls before its first new IP")
                    + ": there is no history to call normal, and all of it may be the attacker's.");
            List<KeyBaseline.Usage> all = new ArrayList<>(baseline.before());
            all.addAll(baseline.after());
            profile(byTool(all), MAX_PROFILE, s);
            return;
        }
        String split = EventTimes.format(baseline.firstNewIpAt().orElseThrow());
        s.heading(2, "What changed in behaviour at " + split);
        s.paragraph("Before " + split + " the key made " + baseline.eventsBefore() + " calls:");
        profile(baseline.before(), 3, s);
        s.paragraph("New from " + split + " on (AWS CLI agents counted together whatever command they ran):");
        profile(byTool(baseline.after()), Integer.MAX_VALUE, s);
    }

    /** One line per dimension: its values, most used first, each with its count; past {@code max}, how many more. */
    private static void profile(List<KeyBaseline.Usage> usage, int max, DocumentStyle s) {
        Map<String, List<KeyBaseline.Usage>> byDimension = usage.stream()
                .collect(Collectors.groupingBy(KeyBaseline.Usage::dimension, TreeMap::new, Collectors.toList()));
        byDimension.forEach((dimension, values) -> s.bullet(s.inline(dimension) + ": " + values.stream().limit(max)
                .map(u -> s.inline(u.value()) + " (" + u.events() + ")").collect(Collectors.joining(", "))
                + (values.size() > max ? " and " + (values.size() - max) + " more" : "")));
    }

    /** User agents that differ only by the AWS CLI command they ran, counted as one. */
    private static List<KeyBaseline.Usage> byTool(List<KeyBaseline.Usage> usage) {
        Map<List<String>, Long> folded = new LinkedHashMap<>();
        usage.forEach(u -> folded.merge(List.of(u.dimension(), u.dimension().equals("user_agent") ? tool(u.value()) : u.value()),
                u.events(), Long::sum));
        return folded.entrySet().stream().map(e -> new KeyBaseline.Usage(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .toList();
    }

    private static Optional<String> chart(Investigation inv) {
        List<String> lanes = inv.lineage().nodes().stream().map(LineageNode::accessKeyId).toList();
        List<String> order = new ArrayList<>(lanes);
        List<ActivityChart.Event> events = new ArrayList<>();
        for (TimelineRow r : inv.timeline()) {
            r.eventTime().ifPresent(t -> events.add(new ActivityChart.Event(t, r.accessKeyId().orElse("?"), inv.attacker(r))));
        }
        for (CreatedPrincipal u : inv.createdUsers()) {
            String lane = "user " + u.userName() + " (own)";
            order.add(lane);
            u.activity().forEach(r -> r.eventTime().ifPresent(t -> events.add(new ActivityChart.Event(t, lane, true))));
        }
        List<ActivityChart.Marker> markers = inv.findings().stream()
                .map(f -> new ActivityChart.Marker(f.firstSeen(), f.severity().label(), f.rule() + ": " + f.summary())).toList();
        return ActivityChart.draw(order, events, inv.baseline().firstNewIpAt(), markers);
    }

    private static void createdUsers(Investigation inv, DocumentStyle s) {
        s.heading(2, "Users the lineage created (" + inv.createdUsers().size() + ")");
        for (CreatedPrincipal u : inv.createdUsers()) {
            s.paragraph("User " + s.inline(u.userName()) + " in account " + s.inline(u.accountId()) + ", created by event "
                    + s.inline(u.createdBy()) + ": " + u.activity().size() + " calls without a key of the lineage"
                    + (u.activity().size() > MAX_USER_ROWS ? " (the first " + MAX_USER_ROWS + " below)" : ""));
            s.table(events(u.activity().subList(0, Math.min(MAX_USER_ROWS, u.activity().size()))));
        }
    }

    private static void checklist(Investigation inv, DocumentStyle s) {
        s.heading(2, "Containment checklist");
        s.paragraph("The session revocations deny tokens issued before " + EventTimes.format(inv.asOf())
                + ", the time of this report: set that time to when you run them, or sessions issued in between escape.");
        for (ContainmentStep step : inv.containment()) {
            s.checkbox(s.inline(step.action()) + " (account " + s.inline(step.accountId()) + "): " + s.inline(step.why()));
            step.warning().ifPresent(w -> s.warning(s.inline(w)));
            if (!step.commands().isEmpty()) {
                s.code("sh", String.join("\n", step.commands()));
            }
        }
    }

    /** What to search for elsewhere (proxies, other clouds, EDR): what the attacker used and named. */
    private static void iocs(Investigation inv, DocumentStyle s) {
        s.heading(2, "Indicators of compromise");
        TreeSet<String> ips = new TreeSet<>();
        TreeSet<String> agents = new TreeSet<>();
        List<TimelineRow> rows = Stream.concat(inv.attackerPeriod().stream(),
                inv.createdUsers().stream().flatMap(u -> u.activity().stream())).toList();
        rows.forEach(r -> {
            r.sourceIp().ifPresent(ips::add);
            r.userAgent().map(InvestigationDocument::tool).ifPresent(agents::add);
        });
        if (inv.baseline().hasHistory()) {
            inv.baseline().before().stream().filter(u -> u.dimension().equals("ip")).forEach(u -> ips.remove(u.value()));
            inv.baseline().before().stream().filter(u -> u.dimension().equals("user_agent"))
                    .forEach(u -> agents.remove(tool(u.value())));
        }
        TreeSet<String> names = new TreeSet<>();
        inv.createdUsers().forEach(u -> names.add("IAM user " + u.userName()));
        inv.touched().stream().filter(t -> t.kind() == Touched.Kind.KEY_PAIR || t.kind() == Touched.Kind.SECURITY_GROUP)
                .forEach(t -> t.ids().forEach(id -> names.add(t.kind().label() + " " + id)));
        s.bullet("Source IPs: " + s.inline(String.join(", ", ips)));
        s.bullet("User agents: " + s.inline(String.join(" | ", agents)));
        s.bullet("Access keys: " + s.inline(inv.lineage().nodes().stream().map(LineageNode::accessKeyId)
                .collect(Collectors.joining(", "))));
        if (!names.isEmpty()) {
            s.bullet("Names it created: " + s.inline(String.join(", ", names)));
        }
    }

    /**
     * A user agent as an indicator: the AWS CLI names the command it ran ({@code md/command#iam.get-user}),
     * which makes one tool look like many; the timeline keeps the full text.
     */
    private static String tool(String agent) {
        return agent.replaceAll(" md/command#\\S+", "");
    }

    private static void limits(Investigation inv, ReportOptions options, DocumentStyle s) {
        EvidenceLimits limits = inv.limits();
        s.heading(2, "Evidence and limits");
        if (limits.damaged().isEmpty()) {
            s.bullet("No damaged log object overlaps the lineage's activity.");
        }
        for (EvidenceLimits.DamagedObject d : limits.damaged()) {
            String held = d.lineageEvents().isEmpty() ? "none of the lineage's recovered events"
                    : "recovered lineage events " + String.join(", ", d.lineageEvents());
            s.bullet("Damaged object " + s.inline(d.path()) + ": " + d.storedRecords() + " records recovered ("
                    + d.oldestRecovered().map(EventTimes::format).orElse("?") + " .. "
                    + d.newestRecovered().map(EventTimes::format).orElse("?") + "), then " + s.inline(d.error())
                    + "; " + s.inline(held) + ". Calls in this object after the last recovered record are lost, and a"
                    + " credential's event count above misses them.");
        }
        s.bullet(limits.verify().map(v -> "Last verify run: " + EventTimes.format(v.verifiedAt().truncatedTo(ChronoUnit.SECONDS)) + ", "
                        + (v.failed() ? "FAILED" : "passed") + " (inputs " + s.inline(v.inputs()) + "); objects holding the"
                        + " lineage's events: " + (v.states().isEmpty() ? "none covered by its digests"
                        : s.inline(String.join(", ", v.states()))))
                .orElse("verify has not been run on this store: the logs' integrity is unchecked (trailsift verify PATH"
                        + options.store().map(p -> " --db " + s.inline(p)).orElse("") + ")"));
        s.bullet("Log objects read: " + limits.objects().stream().map(o -> o.objects() + " " + s.inline(o.status())
                + " (" + o.records() + " records)").collect(Collectors.joining(", "))
                + options.store().map(p -> "; store " + s.inline(p)).orElse(""));
        s.bullet("Report by trailsift " + s.inline(Case.build().describe()));
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

    private static void timeline(Investigation inv, ReportOptions options, DocumentStyle s) {
        List<TimelineRow> rows = inv.attackerPeriod();
        int folded = inv.timeline().size() - rows.size();
        s.heading(2, "Timeline of the attacker period (" + rows.size() + " events)");
        String all = options.timelineFile().map(f -> "every event of the lineage is in " + s.inline(f))
                .orElse("every event of the lineage: trailsift timeline --key " + s.inline(inv.key()) + " --follow --format csv");
        s.paragraph((folded > 0 ? folded + " calls of the key that match its usual IP, user agent and API are left out; " : "")
                + all + ".");
        if (rows.size() > options.maxRows()) {
            int head = options.maxRows() / 2;
            s.paragraph("The first " + head + " and last " + (options.maxRows() - head) + " events are listed; "
                    + (rows.size() - options.maxRows()) + " in between are left out (" + all + ").");
            List<TimelineRow> kept = new ArrayList<>(rows.subList(0, head));
            kept.addAll(rows.subList(rows.size() - (options.maxRows() - head), rows.size()));
            rows = kept;
        }
        s.filteredTable(events(rows), List.of("access_key_id", "event_name", "error_code"));
    }

    private static RowSet events(List<TimelineRow> rows) {
        return new RowSet(EVENT_COLUMNS, rows.stream().map(r -> Arrays.<Object>asList(r.eventTime().orElse(null),
                r.eventSource().map(src -> src.replace(".amazonaws.com", "") + ":").orElse("") + r.eventName().orElse(""),
                r.accessKeyId().orElse(null), r.accountId().orElse(null), r.awsRegion().orElse(null),
                r.sourceIp().orElse(null), r.userAgent().orElse(null), r.errorCode().orElse(null), r.eventId())).toList());
    }

    private static RowSet findings(List<Finding> findings) {
        List<List<Object>> rows = new ArrayList<>();
        int rank = 0;
        for (Finding f : findings) {
            List<String> ids = f.eventIds();
            String evidence = String.join(" ", ids.subList(0, Math.min(3, ids.size())))
                    + (ids.size() > 3 ? " (+" + (ids.size() - 3) + " more)" : "");
            rows.add(Arrays.asList(++rank, f.severity().label(), f.rule(), String.join(",", f.attack()), f.firstSeen(),
                    f.accessKeyId().or(f::principalArn).orElse(""), f.summary(), evidence));
        }
        return new RowSet(List.of("rank", "severity", "rule", "attack", "first_seen", "who", "summary", "evidence_events"), rows);
    }

    private static RowSet touched(List<Touched> touched) {
        return new RowSet(List.of("time", "what", "ids", "account_id", "region", "by", "detail", "event_id"),
                touched.stream().map(t -> Arrays.<Object>asList(t.time(), t.kind().label(), listed(t.ids(), MAX_IDS),
                        t.accountId(), t.region(), t.by(), t.detail().orElse(""), t.eventId())).toList());
    }

    private static String listed(List<String> values, int max) {
        return String.join(", ", values.subList(0, Math.min(max, values.size())))
                + (values.size() > max ? " (+" + (values.size() - max) + " more: the timeline CSV has every read)" : "");
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

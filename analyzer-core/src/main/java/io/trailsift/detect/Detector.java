package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.store.Row;
import io.trailsift.store.Sql;
import io.trailsift.store.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs rules over the store and turns their rows into findings.
 *
 * <p>A rule's SQL returns one row per evidence event. Columns with a meaning to the engine:
 * <ul>
 * <li>{@code event_id} (required): the evidence event. The engine looks up its time, account,
 *     principal, access key and source IP itself, so a rule need not select them.</li>
 * <li>{@code group_key} (optional): rows with the same value become one finding (one per backdoor
 *     user, per burst, per principal and window). Without it, or when NULL, each row is its own finding.</li>
 * <li>{@code severity} (optional): raises or lowers this row's severity (info..critical); a finding
 *     takes the highest severity of its rows. Lets one rule say "high, but medium when the caller is unknown".</li>
 * </ul>
 * Any other column can be named in the rule's summary template, as can the finding's
 * {@code account_id}, {@code principal_arn}, {@code access_key_id}, {@code source_ips},
 * {@code first_seen}, {@code last_seen} and {@code event_count} (a rule column of the same name wins).
 *
 * <p>The rule SQL runs as written, on a session of its own (its temporary helpers and tables go
 * with it): give this a store opened read-only unless you trust every rule file, so that a rule
 * can never change the evidence.
 */
public final class Detector {
    private Detector() {
    }

    public static HuntResult run(EventStore store, List<Rule> rules) {
        return run(store, rules, Optional.empty());
    }

    /**
     * {@code baselineUntil}: what "new for this principal" is judged against in the rules that
     * ask: habits learnt before this time (default: before each event itself).
     */
    public static HuntResult run(EventStore store, List<Rule> rules, Optional<Instant> baselineUntil) {
        List<Finding> findings = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        try (Sql session = store.session()) {
            RuleHelpers.install(session, baselineUntil);
            CopyPasses copies = CopyPasses.of(session);
            for (Rule rule : rules) {
                try {
                    findings.addAll(run(session, rule, copies));
                    ran.add(rule.id());
                } catch (StoreException | IllegalArgumentException e) {
                    problems.add(new RuleProblem(rule.source(), "rule '" + rule.id() + "' failed: " + reason(e)));
                }
            }
        }
        findings.sort(FindingAssembly.ORDER);
        return new HuntResult(findings, ran, problems);
    }

    static List<Finding> run(Sql session, Rule rule, CopyPasses copies) {
        // Wrapping keeps the rule a single query and adds the identity of each evidence event;
        // the rule text comes from a rule file (code the user chose to run), never from log content.
        String ruleSql = stripTrailingSemicolons(rule.sql());
        Map<String, Set<Evidence>> groups = new LinkedHashMap<>();
        for (int pass = 1; pass <= copies.passes(); pass++) {
            copies.show(pass);
            // The rows are kept first so that DuckDB knows how few they are: joined in one query, a rule
            // whose estimate is large (a join on events) had the whole events table hashed to look them up.
            // ruleSql is the rule file's own query (see above); no log value is in it, and a compiled
            // rule's values (Sigma) are bound as parameters, never part of the text
            try {
                session.update("CREATE OR REPLACE TEMP TABLE rule_rows AS\n" + ruleSql, rule.parameters().toArray());
                try {
                    List<String> columns = columns(session, rule);
                    if (copies.passes() == 1 && FindingAssembly.onlyIdentity(rule, columns)) {
                        return folded(session, rule, columns.contains("group_key"));
                    }
                    for (Evidence ev : evidence(session, columns, rule)) {
                        groups.computeIfAbsent(ev.groupKey(), k -> new LinkedHashSet<>()).add(ev);
                    }
                } finally {
                    session.execute("DROP TABLE rule_rows");
                }
            } finally {
                copies.hideAgain();
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Set<Evidence> rows : groups.values()) {
            out.add(finding(rule, new ArrayList<>(rows)));
        }
        return out;
    }

    /**
     * The columns of the kept rows, checked. They are read from the rows rather than by describing
     * the query first: DuckDB cannot describe a query whose parameters sit inside a lambda (a
     * compiled Sigma rule's do) before they are bound.
     */
    private static List<String> columns(Sql session, Rule rule) {
        List<String> columns = session.columns("SELECT * FROM rule_rows");
        FindingAssembly.checkColumns(rule, columns);
        return columns;
    }

    /**
     * The findings of a rule of {@link #onlyIdentity} rows, folded per group by DuckDB: what
     * {@link #finding} makes from one {@link Evidence} per row, without carrying every row into
     * Java (a Sigma rule can flag most events of a store). Same order of events (time, then id;
     * no time first), first present account, principal and key, sorted distinct addresses. Lists
     * sorted after aggregating and arg_min rather than ordered aggregates: a third faster on a
     * rule of 117k groups.
     */
    private static List<Finding> folded(Sql session, Rule rule, boolean grouped) {
        String group = grouped ? "CASE WHEN r.group_key IS NULL THEN 'event:' || CAST(r.event_id AS VARCHAR) "
                + "ELSE 'group:' || CAST(r.group_key AS VARCHAR) END" : "'event:' || CAST(r.event_id AS VARCHAR)";
        // group is one of the two fixed texts above
        return session.query("WITH rows AS (\n  SELECT DISTINCT " + group + " AS g," + """
                         CAST(r.event_id AS VARCHAR) AS id, coalesce(e.event_time, TIMESTAMP '1970-01-01') AS t,
                         nullif(e.account_id, '') AS account, nullif(e.principal_arn, '') AS principal,
                         nullif(e.access_key_id, '') AS akey, nullif(e.source_ip, '') AS ip
                  FROM rule_rows r JOIN events e ON e.event_id = r.event_id)
                SELECT list_transform(list_sort(list({'t': t, 'id': id})), lambda x: x.id) AS ids,
                       min(t) AS first_seen, max(t) AS last_seen,
                       arg_min(account, {'t': t, 'id': id}) FILTER (WHERE account IS NOT NULL) AS account,
                       arg_min(principal, {'t': t, 'id': id}) FILTER (WHERE principal IS NOT NULL) AS principal,
                       arg_min(akey, {'t': t, 'id': id}) FILTER (WHERE akey IS NOT NULL) AS akey,
                       list_sort(list_distinct(list(ip) FILTER (WHERE ip IS NOT NULL))) AS ips
                FROM rows GROUP BY g""",
                row -> FindingAssembly.finding(rule, new FindingAssembly.Parts(rule.severity(), row.texts("ids"),
                        row.texts("ips"), row.time("first_seen").orElseThrow(), row.time("last_seen").orElseThrow(),
                        row.optionalText("account"), row.optionalText("principal"), row.optionalText("akey")), name -> null));
    }

    /** The rule's rows, each with the identity of its event as the session shows it. */
    private static List<Evidence> evidence(Sql session, List<String> columns, Rule rule) {
        return session.query("""
                SELECT r.*, e.event_time AS _ts_time, e.account_id AS _ts_account, e.principal_arn AS _ts_principal,
                       e.access_key_id AS _ts_key, e.source_ip AS _ts_ip
                FROM rule_rows r JOIN events e ON e.event_id = r.event_id""",
                row -> Evidence.read(row, columns, rule.severity()));
    }

    private static Finding finding(Rule rule, List<Evidence> rows) {
        rows.sort(Comparator.comparing(Evidence::time).thenComparing(Evidence::eventId));
        Severity severity = rows.stream().map(Evidence::severity).max(Comparator.naturalOrder()).orElseThrow();
        List<String> eventIds = List.copyOf(new LinkedHashSet<>(rows.stream().map(Evidence::eventId).toList()));
        List<String> ips = List.copyOf(new TreeSet<>(rows.stream().map(Evidence::sourceIp).flatMap(Optional::stream).toList()));
        Set<String> ruleColumns = rows.get(0).values().keySet();
        return FindingAssembly.finding(rule, new FindingAssembly.Parts(severity, eventIds, ips, rows.get(0).time(),
                rows.get(rows.size() - 1).time(), firstPresent(rows, Evidence::accountId),
                firstPresent(rows, Evidence::principalArn), firstPresent(rows, Evidence::accessKeyId)),
                name -> ruleColumns.contains(name)
                        ? FindingAssembly.joined(rows.stream().map(r -> r.values().get(name)).toList()) : null);
    }

    private static Optional<String> firstPresent(List<Evidence> rows, java.util.function.Function<Evidence, Optional<String>> f) {
        return rows.stream().map(f).flatMap(Optional::stream).findFirst();
    }

    private static String stripTrailingSemicolons(String sql) {
        return sql.strip().replaceAll("[;\\s]+$", "");
    }

    /** What a rule author needs: the store's reason, without the step that failed. */
    private static String reason(RuntimeException e) {
        return e instanceof StoreException se ? se.reason() : String.valueOf(e.getMessage());
    }

    /** One row of a rule's result. */
    private record Evidence(String eventId, String groupKey, Severity severity, Instant time, Optional<String> accountId,
                            Optional<String> principalArn, Optional<String> accessKeyId, Optional<String> sourceIp,
                            Map<String, String> values) {
        static Evidence read(Row row, List<String> columns, Severity ruleSeverity) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String c : columns) {
                Object v = row.value(c);
                values.put(c, v == null ? null : String.valueOf(v));
            }
            String eventId = values.get("event_id");
            String group = values.get("group_key");
            String sev = values.get("severity");
            // events without a time sort first rather than breaking the finding
            return new Evidence(eventId, group == null ? "event:" + eventId : "group:" + group,
                    sev == null ? ruleSeverity : Severity.parse(sev), row.time("_ts_time").orElse(Instant.EPOCH),
                    text(row, "_ts_account"), text(row, "_ts_principal"), text(row, "_ts_key"), text(row, "_ts_ip"),
                    values);
        }

        private static Optional<String> text(Row row, String column) {
            return row.optionalText(column).filter(s -> !s.isEmpty());
        }
    }
}

package io.trailsift.detect;

import io.trailsift.report.RowSet;
import io.trailsift.store.EventStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * <p>The rule SQL runs as written on the caller's connection: give this a store opened read-only
 * unless you trust every rule file, so that a rule can never change the evidence.
 */
public final class Detector {
    private static final int MAX_SUMMARY_VALUES = 5;
    private static final Set<String> ENGINE_VALUES = Set.of("event_count", "first_seen", "last_seen", "source_ips",
            "account_id", "principal_arn", "access_key_id");

    private Detector() {
    }

    public static HuntResult run(EventStore store, List<Rule> rules) throws SQLException {
        Connection conn = store.connection();
        RuleHelpers.install(conn);
        List<Finding> findings = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Rule rule : rules) {
            try {
                findings.addAll(run(conn, rule));
                ran.add(rule.id());
            } catch (SQLException | IllegalArgumentException e) {
                problems.add(new RuleProblem(rule.source(), "rule '" + rule.id() + "' failed: "
                        + firstLine(e.getMessage())));
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed()
                .thenComparing(Finding::firstSeen).thenComparing(Finding::rule));
        return new HuntResult(findings, ran, problems);
    }

    static List<Finding> run(Connection conn, Rule rule) throws SQLException {
        // Wrapping keeps the rule a single query and adds the identity of each evidence event;
        // the rule text comes from a rule file (code the user chose to run), never from log content.
        String ruleSql = stripTrailingSemicolons(rule.sql());
        List<String> columns;
        try (PreparedStatement shape = conn.prepareStatement("SELECT * FROM (\n" + ruleSql + "\n) LIMIT 0")) {
            columns = ruleColumns(shape.getMetaData());
        }
        checkSummary(rule, columns);
        // The rows are kept first so that DuckDB knows how few they are: joined in one query, a rule
        // whose estimate is large (a join on events) had the whole events table hashed to look them up.
        String sql = "SELECT r.*, e.event_time AS _ts_time, e.account_id AS _ts_account, e.principal_arn AS _ts_principal,"
                + " e.access_key_id AS _ts_key, e.source_ip AS _ts_ip FROM rule_rows r JOIN events e ON e.event_id = r.event_id";
        Map<String, List<Evidence>> groups = new LinkedHashMap<>();
        try (Statement st = conn.createStatement()) {
            // ruleSql is the rule file's own query (see above); no log value or user input is in it
            st.execute("CREATE OR REPLACE TEMP TABLE rule_rows AS\n" + ruleSql);
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    Evidence ev = Evidence.read(rs, columns, rule.severity());
                    groups.computeIfAbsent(ev.groupKey(), k -> new ArrayList<>()).add(ev);
                }
            } finally {
                st.execute("DROP TABLE rule_rows");
            }
        }
        List<Finding> out = new ArrayList<>();
        for (List<Evidence> rows : groups.values()) {
            out.add(finding(rule, rows));
        }
        return out;
    }

    private static List<String> ruleColumns(ResultSetMetaData md) throws SQLException {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        if (!cols.contains("event_id")) {
            throw new IllegalArgumentException("its SQL must return an event_id column");
        }
        return cols;
    }

    private static void checkSummary(Rule rule, List<String> columns) {
        if (rule.summary().isEmpty()) {
            return;
        }
        for (String name : SummaryTemplate.placeholders(rule.summary().get())) {
            if (!columns.contains(name) && !ENGINE_VALUES.contains(name)) {
                throw new IllegalArgumentException("summary placeholder {" + name + "} is not a column of its result "
                        + "(columns: " + String.join(", ", columns) + "; also " + String.join(", ", ENGINE_VALUES) + ")");
            }
        }
    }

    private static Finding finding(Rule rule, List<Evidence> rows) {
        rows.sort(Comparator.comparing(Evidence::time).thenComparing(Evidence::eventId));
        Severity severity = rows.stream().map(Evidence::severity).max(Comparator.naturalOrder()).orElseThrow();
        List<String> eventIds = List.copyOf(new LinkedHashSet<>(rows.stream().map(Evidence::eventId).toList()));
        List<String> ips = List.copyOf(new TreeSet<>(rows.stream().map(Evidence::sourceIp).flatMap(Optional::stream).toList()));
        Instant first = rows.get(0).time();
        Instant last = rows.get(rows.size() - 1).time();
        Optional<String> account = firstPresent(rows, Evidence::accountId);
        Optional<String> principal = firstPresent(rows, Evidence::principalArn);
        Optional<String> key = firstPresent(rows, Evidence::accessKeyId);
        Set<String> ruleColumns = rows.get(0).values().keySet();
        String summary = rule.summary().map(t -> SummaryTemplate.render(t, name -> ruleColumns.contains(name)
                ? joined(rows.stream().map(r -> r.values().get(name)).toList()) : switch (name) {
            case "event_count" -> String.valueOf(eventIds.size());
            case "first_seen" -> first.toString();
            case "last_seen" -> last.toString();
            case "source_ips" -> String.join(", ", ips);
            case "account_id" -> account.orElse("?");
            case "principal_arn" -> principal.orElse("(unknown principal)");
            default -> key.orElse("?");
        })).orElse(rule.title() + " (" + eventIds.size() + " event" + (eventIds.size() == 1 ? "" : "s") + ")");
        return new Finding(rule.id(), rule.title(), severity, rule.attack(), first, last, account, principal, key,
                ips, eventIds, summary);
    }

    private static Optional<String> firstPresent(List<Evidence> rows, java.util.function.Function<Evidence, Optional<String>> f) {
        return rows.stream().map(f).flatMap(Optional::stream).findFirst();
    }

    /** Distinct non-empty values in order, at most a few, so a summary stays one line. */
    private static String joined(List<String> values) {
        List<String> distinct = values.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        if (distinct.isEmpty()) {
            return "?";
        }
        if (distinct.size() <= MAX_SUMMARY_VALUES) {
            return String.join(", ", distinct);
        }
        return String.join(", ", distinct.subList(0, MAX_SUMMARY_VALUES)) + " and "
                + (distinct.size() - MAX_SUMMARY_VALUES) + " more";
    }

    private static String stripTrailingSemicolons(String sql) {
        return sql.strip().replaceAll("[;\\s]+$", "");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replaceFirst("^Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\\s*", "");
        return m.lines().findFirst().orElse(m).strip();
    }

    /** One row of a rule's result. */
    private record Evidence(String eventId, String groupKey, Severity severity, Instant time, Optional<String> accountId,
                            Optional<String> principalArn, Optional<String> accessKeyId, Optional<String> sourceIp,
                            Map<String, String> values) {
        static Evidence read(ResultSet rs, List<String> columns, Severity ruleSeverity) throws SQLException {
            Map<String, String> values = new LinkedHashMap<>();
            for (String c : columns) {
                Object v = RowSet.plain(rs.getObject(c));
                values.put(c, v == null ? null : String.valueOf(v));
            }
            String eventId = values.get("event_id");
            String group = values.get("group_key");
            String sev = values.get("severity");
            return new Evidence(eventId, group == null ? "event:" + eventId : "group:" + group,
                    sev == null ? ruleSeverity : Severity.parse(sev), instant(rs.getObject("_ts_time")),
                    text(rs, "_ts_account"), text(rs, "_ts_principal"), text(rs, "_ts_key"), text(rs, "_ts_ip"), values);
        }

        private static Optional<String> text(ResultSet rs, String column) throws SQLException {
            return Optional.ofNullable(rs.getString(column)).filter(s -> !s.isEmpty());
        }

        private static Instant instant(Object v) {
            if (v instanceof Timestamp ts) {
                return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
            }
            if (v instanceof LocalDateTime ldt) {
                return ldt.toInstant(ZoneOffset.UTC);
            }
            // events without a time sort first rather than breaking the finding
            return Instant.EPOCH;
        }
    }
}

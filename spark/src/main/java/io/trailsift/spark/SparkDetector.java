package io.trailsift.spark;

import io.trailsift.detect.Finding;
import io.trailsift.detect.FindingAssembly;
import io.trailsift.detect.Rule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.apache.spark.sql.functions.expr;

/**
 * Runs rules with Spark SQL over a lake and makes findings of their rows as the DuckDB engine
 * does ({@link FindingAssembly}): a rule's SQL, {@link SparkDialect translated}, returns one row
 * per evidence event; Spark joins each row to its event and folds the rows of each finding
 * (per rule and group key, or per event) into one row of aggregates (the event ids in time
 * order, first and last time, first present account, principal and key, the addresses, the
 * severities and the values the summary names), so that only one row per finding reaches the
 * driver, however many events a rule flags.
 *
 * <p>A rule whose SQL Spark cannot run (a construct with no Spark form, a function or helper
 * missing here) is skipped and reported with Spark's reason, never dropped in silence.
 */
final class SparkDetector {
    /** A rule that did not run on Spark, and why. */
    record Skipped(String rule, String reason) {
    }

    /** The findings, the rules that ran and those skipped. */
    record Result(List<Finding> findings, List<String> ran, List<Skipped> skipped) {
        Result {
            findings = List.copyOf(findings);
            ran = List.copyOf(ran);
            skipped = List.copyOf(skipped);
        }
    }

    /** A rule's rows of one pass, with the rule columns its summary names (as {@code v0}, {@code v1}, ... in the rows). */
    private record Evidence(Dataset<Row> rows, List<String> summaryColumns) {
    }

    /** Rules whose jobs Spark runs at once. */
    private static final int CONCURRENT_RULES = 4;

    private SparkDetector() {
    }

    static Result run(SparkSession spark, SparkLake lake, List<Rule> rules) {
        SparkRuleHelpers.registerBridges(spark);
        Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        // Each pass shows other copies of the disputed events (see SparkLake#show); a rule's rows of
        // every pass are folded together, as the DuckDB engine groups them across its passes.
        // Spark analyses each query when it is made, so a pass's datasets keep that pass's view.
        for (int pass = 1; pass <= lake.passes(); pass++) {
            lake.show(pass);
            SparkRuleHelpers.install(spark, lake.derivedCurrent());
            for (Rule rule : rules) {
                if (failed.containsKey(rule.id())) {
                    continue;
                }
                try {
                    evidence.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add(evidence(spark, rule));
                } catch (Exception e) {
                    failed.put(rule.id(), reason(e, lake));
                    evidence.remove(rule.id());
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        // Spark runs the jobs of several rules side by side; one at a time, the executors would
        // idle while the driver plans each of a rule's small stages
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_RULES);
        try {
            Map<String, Future<List<Finding>>> pending = new LinkedHashMap<>();
            for (Rule rule : rules) {
                if (!failed.containsKey(rule.id())) {
                    pending.put(rule.id(), pool.submit(() -> findings(rule, evidence.get(rule.id()))));
                }
            }
            for (Map.Entry<String, Future<List<Finding>>> p : pending.entrySet()) {
                try {
                    findings.addAll(p.getValue().get());
                    ran.add(p.getKey());
                } catch (ExecutionException e) {
                    failed.put(p.getKey(), reason(e.getCause() instanceof Exception cause ? cause : e, lake));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the rules ran", e);
        } finally {
            pool.shutdownNow();
        }
        findings.sort(FindingAssembly.ORDER);
        List<Skipped> skipped = rules.stream().filter(r -> failed.containsKey(r.id()))
                .map(r -> new Skipped(r.id(), failed.get(r.id()))).toList();
        return new Result(findings, ran, skipped);
    }

    /** The rule's rows of the present pass, one per (finding, event) with what the finding needs of it. */
    private static Evidence evidence(SparkSession spark, Rule rule) {
        String sql = rule.sparkSql().orElseGet(() -> SparkDialect.translate(rule.sql())).strip().replaceAll("[;\\s]+$", "");
        // a compiled rule's values (Sigma) are bound as parameters, never part of the text
        Dataset<Row> rows = spark.sql(sql, rule.parameters().toArray());
        List<String> columns = List.of(rows.columns());
        FindingAssembly.checkColumns(rule, columns);
        List<String> summary = FindingAssembly.summaryColumns(rule, columns);
        rows.createOrReplaceTempView("rule_rows");
        String group = columns.contains("group_key")
                ? "CASE WHEN r.group_key IS NULL THEN 'event:' || CAST(r.event_id AS STRING) "
                + "ELSE 'group:' || CAST(r.group_key AS STRING) END" : "'event:' || CAST(r.event_id AS STRING)";
        String severity = columns.contains("severity") ? "CAST(r.severity AS STRING)" : "CAST(NULL AS STRING)";
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < summary.size(); i++) {
            values.append(", CAST(r.`").append(summary.get(i)).append("` AS STRING) AS v").append(i);
        }
        // the column names come from the rule's own result; group and severity are fixed text
        return new Evidence(spark.sql("SELECT DISTINCT " + group + " AS g, CAST(r.event_id AS STRING) AS id, "
                + "coalesce(e.event_time, TIMESTAMP '1970-01-01 00:00:00') AS t, nullif(e.account_id, '') AS account, "
                + "nullif(e.principal_arn, '') AS principal, nullif(e.access_key_id, '') AS akey, "
                + "nullif(e.source_ip, '') AS ip, " + severity + " AS sev" + values
                + " FROM rule_rows r JOIN events e ON e.event_id = r.event_id"), summary);
    }

    /** The findings of a rule: its rows of every pass folded per group in Spark, one row each brought back. */
    private static List<Finding> findings(Rule rule, List<Evidence> passes) {
        Dataset<Row> rows = passes.stream().map(Evidence::rows).reduce(Dataset::union).orElseThrow();
        List<String> names = passes.get(0).summaryColumns();
        String order = "named_struct('t', t, 'id', id)";
        // no temporary view: rules are folded on several threads at once
        List<Column> aggregates = new ArrayList<>(List.of(
                expr("min(t)").as("first_seen"), expr("max(t)").as("last_seen"),
                expr("min_by(account, " + order + ") FILTER (WHERE account IS NOT NULL)").as("account"),
                expr("min_by(principal, " + order + ") FILTER (WHERE principal IS NOT NULL)").as("principal"),
                expr("min_by(akey, " + order + ") FILTER (WHERE akey IS NOT NULL)").as("akey"),
                expr("sort_array(collect_set(ip))").as("ips"), expr("collect_set(coalesce(sev, ''))").as("sevs")));
        for (int i = 0; i < names.size(); i++) {
            aggregates.add(expr("transform(sort_array(collect_list(named_struct('t', t, 'id', id, 'v', v" + i + "))), x -> x.v)")
                    .as("v" + i));
        }
        List<Row> folded = rows.groupBy("g").agg(expr("array_distinct(transform(sort_array(collect_set(" + order
                + ")), x -> x.id))").as("ids"), aggregates.toArray(Column[]::new)).collectAsList();
        List<Finding> out = new ArrayList<>();
        for (Row r : folded) {
            List<String> severities = r.<String>getList(r.fieldIndex("sevs")).stream().map(s -> s.isEmpty() ? null : s)
                    .toList();
            FindingAssembly.Parts parts = new FindingAssembly.Parts(FindingAssembly.highest(rule, severities),
                    r.getList(r.fieldIndex("ids")), r.getList(r.fieldIndex("ips")), time(r, "first_seen"),
                    time(r, "last_seen"), text(r, "account"), text(r, "principal"), text(r, "akey"));
            out.add(FindingAssembly.finding(rule, parts, name -> {
                int i = names.indexOf(name);
                return i < 0 ? null : FindingAssembly.joined(r.getList(r.fieldIndex("v" + i)));
            }));
        }
        return out;
    }

    private static Instant time(Row r, String field) {
        Object v = r.get(r.fieldIndex(field));
        return v instanceof Instant i ? i : ((Timestamp) v).toInstant();
    }

    private static Optional<String> text(Row r, String field) {
        return Optional.ofNullable(r.getString(r.fieldIndex(field)));
    }

    /** Spark's reason in one line, naming the baselines when the lake has none current. */
    private static String reason(Exception e, SparkLake lake) {
        Throwable root = e;
        while ((root.getMessage() == null || root.getMessage().isBlank()) && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getName()
                : root.getMessage().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return lake.derivedCurrent() ? message
                : message + " (the lake has no current derived tables: the baseline helpers are missing)";
    }
}

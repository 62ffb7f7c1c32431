package io.trailsift.spark;

import io.trailsift.detect.BaselineViews;
import io.trailsift.detect.RoutineCalls;
import io.trailsift.store.Baselines;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On Spark, the helpers the rules call on DuckDB (see the DuckDB engine's {@code RuleHelpers} for
 * what each means): views and SQL functions of the same names and meanings, written in Spark
 * SQL. Where the DuckDB text runs on Spark once {@link SparkDialect} has translated it (the
 * baseline expressions of {@link Baselines}), it is that text, so the two cannot drift apart.
 *
 * <p>Besides, bridge functions for what Spark lacks or spells otherwise: {@code strftime} under
 * DuckDB's name, {@code duckdb_ltrim}/{@code duckdb_rtrim} and {@code duckdb_regexp_replace}
 * (Spark's {@code ltrim}, {@code rtrim} and {@code regexp_replace} take their arguments the other
 * way round or replace every match; the dialect renames the calls).
 *
 * <p>The helpers that read the behaviour baselines exist only when the lake's derived tables are
 * current; a rule that calls one otherwise fails to resolve and is reported as skipped.
 * Statements are fixed text; the session reads string literals raw, as DuckDB does.
 */
final class SparkRuleHelpers {
    private static final String[] HELPERS = {
        """
        CREATE OR REPLACE TEMP VIEW known_accounts AS
          SELECT account_id FROM events WHERE account_id IS NOT NULL
          UNION SELECT recipient_account_id FROM events WHERE recipient_account_id IS NOT NULL""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION policy_statements(doc STRING) RETURNS ARRAY<STRING> RETURN
          CASE substr(ltrim(get_json_object(doc, '$.Statement')), 1, 1)
            WHEN '[' THEN from_json(get_json_object(doc, '$.Statement'), 'array<string>')
            WHEN '{' THEN array(get_json_object(doc, '$.Statement')) END""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION allowed_principals(doc STRING) RETURNS STRING RETURN array_join(transform(
          filter(policy_statements(doc), st -> get_json_object(st, '$.Effect') = 'Allow'),
          st -> coalesce(get_json_object(st, '$.Principal'), '')), ' ')""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION account_ids(t STRING) RETURNS ARRAY<STRING> RETURN
          array_distinct(regexp_extract_all(t, '(?:^|[^0-9])([0-9]{12})(?:[^0-9]|$)', 1))""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION foreign_accounts(t STRING) RETURNS ARRAY<STRING> RETURN
          sort_array(array_except(coalesce(account_ids(t), array()), (SELECT collect_set(account_id) FROM known_accounts)))""",
        "CREATE OR REPLACE TEMP VIEW actor_events AS SELECT *, " + Baselines.CREDENTIAL + " AS credential, "
            + Baselines.ACTOR + " AS actor FROM events WHERE " + Baselines.ACTOR_FILTER,
        "CREATE OR REPLACE TEMPORARY FUNCTION client_family(agent STRING) RETURNS STRING RETURN "
            + SparkDialect.translate(Baselines.clientFamily("agent")),
        "CREATE OR REPLACE TEMPORARY FUNCTION ip_network(ip STRING) RETURNS STRING RETURN "
            + SparkDialect.translate(Baselines.network("ip")),
        // time_bucket(INTERVAL 5 MINUTE, t): five-minute slots counted from the epoch, as DuckDB's origin lies on one
        """
        CREATE OR REPLACE TEMPORARY FUNCTION call_bursts(sources ARRAY<STRING>, names ARRAY<STRING>) RETURNS TABLE RETURN
          SELECT c.*, b.burst
          FROM actor_events c JOIN (
            SELECT credential, slot, credential || ' burst ' || sum(gap) OVER (PARTITION BY credential
                     ORDER BY slot ROWS UNBOUNDED PRECEDING) AS burst
            FROM (SELECT credential, slot, CASE WHEN first_time - lag(last_time) OVER (PARTITION BY credential ORDER BY slot)
                                                > INTERVAL 5 MINUTE THEN 1 ELSE 0 END AS gap
                  FROM (SELECT credential, timestamp_seconds(floor(unix_seconds(event_time) / 300) * 300) AS slot,
                               min(event_time) AS first_time, max(event_time) AS last_time
                        FROM actor_events
                        WHERE (sources IS NULL OR array_contains(sources, event_source))
                          AND (names IS NULL OR array_contains(names, event_name))
                        GROUP BY credential, slot))) b
            ON b.credential = c.credential AND b.slot <=> timestamp_seconds(floor(unix_seconds(c.event_time) / 300) * 300)
          WHERE (sources IS NULL OR array_contains(sources, c.event_source))
            AND (names IS NULL OR array_contains(names, c.event_name))""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION from_console(agent STRING, console_session BOOLEAN) RETURNS BOOLEAN RETURN
          coalesce(console_session, false)
          OR CASE WHEN contains(lower(agent), 'ole') OR contains(lower(agent), 'internal')
                  THEN coalesce(regexp(agent, '(?i)console|aws-internal|^AWS Internal$'), false) ELSE false END""",
        "CREATE OR REPLACE TEMPORARY FUNCTION routine_calls(src STRING, name STRING) RETURNS TABLE RETURN\n"
                + RoutineCalls.BODY,
        """
        CREATE OR REPLACE TEMPORARY FUNCTION inside_aws(ip STRING, vpce STRING) RETURNS BOOLEAN RETURN vpce IS NOT NULL
          OR regexp(coalesce(ip, ''), '^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|fd|AWS Internal)|amazonaws\\.com$')""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION call_target(p STRING) RETURNS STRING RETURN coalesce(
          get_json_object(p, '$.bucketName'), get_json_object(p, '$.secretId'), get_json_object(p, '$.roleArn'),
          get_json_object(p, '$.name'), get_json_object(p, '$.roleName'), get_json_object(p, '$.userName'),
          get_json_object(p, '$.functionName'), get_json_object(p, '$.keyId'), '')""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION is_public(p STRING) RETURNS BOOLEAN RETURN
          coalesce(regexp(p, '(^|\\s)\\*($|\\s)|"\\*"'), false)""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION allows_everything(doc STRING) RETURNS BOOLEAN RETURN
          CASE WHEN contains(doc, '"*') OR contains(doc, '\\u')
          THEN coalesce(size(filter(policy_statements(doc),
            st -> get_json_object(st, '$.Effect') = 'Allow'
              AND regexp(coalesce(get_json_object(st, '$.Action'), ''), '^\\*$|"\\*"')
              AND regexp(coalesce(get_json_object(st, '$.Resource'), ''), '^\\*$|"\\*"'))) > 0, false)
          ELSE false END""",
    };

    /** The helpers over the baselines: only on a lake whose derived tables are current. */
    private static final String BASELINE = "CREATE OR REPLACE TEMP VIEW baseline AS "
            + "SELECT scope, subject, aspect, value, first_seen, last_seen, events FROM behaviour";
    private static final String SESSION_STARTS = "CREATE OR REPLACE TEMP VIEW session_starts AS "
            + Baselines.sessionStarts("session_origins", "credential_calls")
            .replace("arg_min(issued_by, event_time)", "min_by(issued_by, event_time)");
    /** Besides {@link BaselineViews}, which both engines share. */
    private static final String[] BASELINE_HELPERS = {
        // hunt --baseline-until is not offered on Spark: habits are judged against what came before each event
        """
        CREATE OR REPLACE TEMPORARY FUNCTION known_before(sc STRING, subj STRING, asp STRING, val STRING, t TIMESTAMP)
          RETURNS BOOLEAN RETURN EXISTS (SELECT 1 FROM baseline b
          WHERE b.scope = sc AND b.subject = subj AND b.aspect = asp AND b.value = val AND b.first_seen < t)""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION has_history(sc STRING, subj STRING, t TIMESTAMP) RETURNS BOOLEAN RETURN
          EXISTS (SELECT 1 FROM baseline_subjects h
          WHERE h.scope = sc AND h.subject = subj AND h.history_start <= t - INTERVAL 7 DAYS)""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION is_new(sc STRING, subj STRING, asp STRING, val STRING, t TIMESTAMP)
          RETURNS BOOLEAN RETURN has_history(sc, subj, t) AND NOT known_before(sc, subj, asp, val, t)""",
        """
        CREATE OR REPLACE TEMPORARY FUNCTION first_time(sc STRING, subj STRING, asp STRING, val STRING, t TIMESTAMP)
          RETURNS BOOLEAN RETURN NOT known_before(sc, subj, asp, val, t)""",
    };

    private SparkRuleHelpers() {
    }

    /** The bridge functions: once per session. */
    static void registerBridges(SparkSession spark) {
        spark.udf().register("strftime", (UDF2<Timestamp, String, String>) SparkRuleHelpers::strftime, DataTypes.StringType);
        // Java functions rather than SQL ones: Spark refuses a SQL function inside a lambda (ip_network's)
        spark.udf().register("duckdb_ltrim", (UDF2<String, String, String>) (s, chars) -> trim(s, chars, true),
                DataTypes.StringType);
        spark.udf().register("duckdb_rtrim", (UDF2<String, String, String>) (s, chars) -> trim(s, chars, false),
                DataTypes.StringType);
        spark.udf().register("duckdb_regexp_replace", (UDF3<String, String, String, String>) SparkRuleHelpers::replaceFirst,
                DataTypes.StringType);
        SigmaBridges.register(spark);
    }

    /** The helpers over the present {@code events} view: again for each pass, which shows other copies. */
    static void install(SparkSession spark, boolean baselines) {
        for (String sql : HELPERS) {
            spark.sql(sql);
        }
        if (baselines) {
            spark.sql(BASELINE);
            spark.sql(SESSION_STARTS);
            BaselineViews.DEFINITIONS.forEach(spark::sql);
            for (String sql : BASELINE_HELPERS) {
                spark.sql(sql);
            }
        }
    }

    /** DuckDB's strftime for the conversions the rules use (%Y %m %d %H %M %S); a time is UTC. */
    static String strftime(Timestamp t, String format) {
        if (t == null || format == null) {
            return null;
        }
        Matcher m = Pattern.compile("%([YmdHMS%])").matcher(format);
        StringBuilder pattern = new StringBuilder();
        int last = 0;
        while (m.find()) {
            pattern.append(quoted(format.substring(last, m.start())));
            pattern.append(switch (m.group(1)) {
                case "Y" -> "uuuu";
                case "m" -> "MM";
                case "d" -> "dd";
                case "H" -> "HH";
                case "M" -> "mm";
                case "S" -> "ss";
                default -> "'%'";
            });
            last = m.end();
        }
        pattern.append(quoted(format.substring(last)));
        return DateTimeFormatter.ofPattern(pattern.toString(), Locale.ROOT).withZone(ZoneOffset.UTC).format(t.toInstant());
    }

    private static String quoted(String literal) {
        return literal.isEmpty() ? "" : "'" + literal.replace("'", "''") + "'";
    }

    /** DuckDB's two-argument ltrim and rtrim: {@code chars} stripped from one end of {@code s}. */
    static String trim(String s, String chars, boolean leading) {
        if (s == null || chars == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (leading && start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (!leading && end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** DuckDB's regexp_replace without options: the first match only, {@code \\1} for a group. */
    static String replaceFirst(String s, String pattern, String replacement) {
        if (s == null || pattern == null || replacement == null) {
            return null;
        }
        StringBuilder java = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                java.append('$').append(replacement.charAt(++i));
            } else {
                java.append(c == '\\' || c == '$' ? "\\" + c : String.valueOf(c));
            }
        }
        return Pattern.compile(pattern).matcher(s).replaceFirst(java.toString());
    }
}

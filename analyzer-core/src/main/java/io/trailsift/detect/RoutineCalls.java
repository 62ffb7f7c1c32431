package io.trailsift.detect;

/**
 * The body of the {@code routine_calls(src, name)} table helper (see {@code RuleHelpers}), in SQL
 * that DuckDB and Spark read alike: each engine wraps it in its own table-function header. Fixed
 * text, never built from input.
 */
public final class RoutineCalls {
    // Two earlier days, each a day or more before: a pipeline's habit, not one afternoon's work.
    public static final String BODY = """
              WITH calls AS (
                SELECT event_id, event_time, coalesce(session_issuer_arn, principal_arn) AS actor, source_ip
                FROM events WHERE event_source = src AND event_name = name AND error_code IS NULL
              )
              SELECT c.event_id, c.actor FROM calls c
              WHERE c.actor IS NOT NULL
                AND (SELECT count(DISTINCT CAST(p.event_time AS DATE)) FROM calls p
                     WHERE p.actor = c.actor AND p.source_ip IS NOT DISTINCT FROM c.source_ip
                       AND p.event_time <= c.event_time - INTERVAL 1 DAY) >= 2""";

    private RoutineCalls() {
    }
}

package io.trailsift.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The DuckDB constructs the shipped rules use, as Spark SQL; no session needed. */
class SparkDialectTest {
    @Test
    void jsonArrowsBecomeGetJsonObjectWithTheWholePath() {
        assertEquals("SELECT get_json_object(e.request_parameters, '$.a.b') AS x",
                SparkDialect.translate("SELECT e.request_parameters->'$.a'->>'b' AS x"));
    }

    @Test
    void listsLambdasAndRenamedFunctions() {
        assertEquals("array_contains(array('a', 'b'), event_name) AND size(filter(l, st -> st = 1)) > 0",
                SparkDialect.translate("list_contains(['a', 'b'], event_name) AND len(list_filter(l, lambda st: st = 1)) > 0"));
        assertEquals("CASE WHEN x THEN array(y) ELSE array() END",
                SparkDialect.translate("CASE WHEN x THEN [y] ELSE [] END"));
    }

    @Test
    void sigmasJsonCastAndBackslashEscapeTakeSparksForms() {
        // Spark's lexer would read '\' as an escaped quote; the backslash is its default LIKE escape
        assertEquals("v ILIKE ?::STRING AND sigma_expand(CAST(p AS STRING)) IS NOT NULL",
                SparkDialect.translate("v ILIKE ?::VARCHAR ESCAPE '\\' AND sigma_expand(CAST(p AS JSON)) IS NOT NULL"));
    }

    @Test
    void literalsAndTheirQuotesAreKept() {
        assertEquals("regexp(a, '^x\\.[a]$') AND b = \"it's\"",
                SparkDialect.translate("regexp_matches(a, '^x\\.[a]$') AND b = 'it''s'"));
    }

    @Test
    void castsToListsAndDistinctWindowCounts() {
        assertEquals("from_json(get_json_object(p, '$.names') , 'array<string>')",
                SparkDialect.translate("TRY_CAST(p->'$.names' AS VARCHAR[])"));
        assertEquals("size(collect_set( secret) OVER (PARTITION BY actor))",
                SparkDialect.translate("count(DISTINCT secret) OVER (PARTITION BY actor)"));
        assertEquals("WITH c AS (SELECT 1)", SparkDialect.translate("WITH c AS NOT MATERIALIZED (SELECT 1)").replaceAll("\\s+", " ")
                .replace("AS (", "AS ("));
    }

    @Test
    void structsUnpivotAndExcludeOfTheLookupTables() {
        assertEquals("SELECT named_struct('t', event_time, \"it's\", get_json_object(p, '$.a')) AS s",
                SparkDialect.translate("SELECT {'t': event_time, 'it''s': p->>'$.a'} AS s"));
        assertEquals("min_by(named_struct('t', t, 'x', x), named_struct('t', named_struct('null', (t) IS NULL, 'value', t), "
                + "'x', named_struct('null', (x) IS NULL, 'value', x)))", SparkDialect.translate("min({'t': t, x: x})"));
        assertEquals("FROM (SELECT * FROM (SELECT 'p' AS s, * EXCEPT (a) FROM t) UNPIVOT (value FOR aspect IN (b, c)))",
                SparkDialect.translate("FROM (UNPIVOT (SELECT 'p' AS s, * EXCLUDE (a) FROM t) ON b, c INTO NAME aspect VALUE value)"));
    }

    @Test
    void constructsWithoutAFaithfulSparkFormAreRefused() {
        assertThrows(SparkDialect.UntranslatableSql.class, () -> SparkDialect.translate("SELECT names[1] FROM t"));
        assertThrows(SparkDialect.UntranslatableSql.class, () -> SparkDialect.translate("SELECT a @> [b] FROM t"));
        assertThrows(SparkDialect.UntranslatableSql.class,
                () -> SparkDialect.translate("SELECT json_extract_string(p, '$.items[*].id') FROM t"));
        assertThrows(SparkDialect.UntranslatableSql.class, () -> SparkDialect.translate("FROM (UNPIVOT (t) ON COLUMNS(*) INTO NAME n VALUE v)"));
    }
}

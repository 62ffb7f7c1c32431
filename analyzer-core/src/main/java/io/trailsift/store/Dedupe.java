package io.trailsift.store;

import io.trailsift.event.EventColumn;

import java.util.stream.Collectors;

/**
 * What to keep when an eventID comes more than once, decided after each batch in its transaction.
 * Copies whose content is the same are one event, kept once (the copy from the oldest object):
 * overlapping downloads, an organisation trail beside an account trail, a lookup-events dump.
 * Copies whose content differs are all kept and listed in {@code event_conflicts}: one of them
 * may have been planted to hide the other, and which one is the analyst's call, never a silent
 * one. A key constraint is no help here, and it makes DuckDB's bulk paths drop rows silently.
 *
 * <p>Content is every column but the object: typed values as they are, JSON values compared
 * minified, so a copy re-indented by a tool is still the same event. Statements are prepared per
 * batch, never ahead: a statement DuckDB planned while the table was empty can stay planned as
 * deleting nothing after rows arrive.
 */
final class Dedupe {
    /** One value per event holding all of its content, NULLs told apart from empty text. */
    static final String CONTENT = "to_json([" + EventColumn.all().stream()
            .filter(c -> c != EventColumn.OBJECT_ID)
            .map(c -> c.type() == EventColumn.Type.JSON ? "json(" + c.sqlName() + ")::VARCHAR" : c.sqlName() + "::VARCHAR")
            .collect(Collectors.joining(", ")) + "])::VARCHAR";

    /** %s: the ids seen more than once; only those are compared. */
    private static final String CLEAR_CONFLICTS = "DELETE FROM event_conflicts WHERE event_id IN (%s)";

    /** %s: as above. One row per distinct content of a disputed id, with the oldest object holding it. */
    private static final String RECORD_CONFLICTS = """
            INSERT INTO event_conflicts
            SELECT event_id, min(object_id) FROM (
              SELECT event_id, object_id, %1$s AS content FROM events WHERE event_id IN (%2$s))
            GROUP BY event_id, content
            QUALIFY count(*) OVER (PARTITION BY event_id) > 1""";

    /** %s: as above. */
    private static final String DELETE_SAME_COPIES = """
            DELETE FROM events WHERE rowid IN (
              SELECT rid FROM (
                SELECT rowid AS rid,
                       row_number() OVER (PARTITION BY event_id, %1$s ORDER BY object_id, rowid) AS rn
                FROM events
                WHERE event_id IN (%2$s)
              ) WHERE rn > 1)""";

    /** For a batch that is the whole table (the first into an empty store): no need to find which ids it touched. */
    private static final String REPEATED_IDS = "SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1";

    private static final String REPEATED_IDS_OF_BATCH = """
            SELECT event_id FROM events
            WHERE event_id IN (SELECT event_id FROM events WHERE object_id >= ?)
            GROUP BY event_id HAVING count(*) > 1""";

    private Dedupe() {
    }

    /** Inside the batch's transaction; {@code minObjectId}: the lowest object id of the batch's rows. */
    static void batch(Sql sql, boolean batchIsWholeTable, long minObjectId) {
        // only fixed fragments are put together here; the object id is bound
        String repeated = batchIsWholeTable ? REPEATED_IDS : REPEATED_IDS_OF_BATCH;
        Object[] params = batchIsWholeTable ? new Object[0] : new Object[] {minObjectId};
        sql.update(CLEAR_CONFLICTS.formatted(repeated), params);
        sql.update(RECORD_CONFLICTS.formatted(CONTENT, repeated), params);
        sql.update(DELETE_SAME_COPIES.formatted(CONTENT, repeated), params);
    }
}

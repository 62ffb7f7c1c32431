package io.trailsift.store;

/**
 * Keeps one row per eventID among those a batch touched: the one from the oldest object
 * (overlapping downloads repeat events; a rerun reads nothing new). Done in SQL after each batch,
 * because a key constraint makes DuckDB's bulk paths drop rows silently.
 *
 * <p>Prepared per batch, never ahead: a statement DuckDB planned while the table was empty can
 * stay planned as deleting nothing after rows arrive.
 */
final class Dedupe {
    /** %s: the ids seen more than once; only those reach the window (a third less work than all). */
    private static final String DELETE_LATER_COPIES = """
            DELETE FROM events WHERE rowid IN (
              SELECT rid FROM (
                SELECT rowid AS rid,
                       row_number() OVER (PARTITION BY event_id ORDER BY object_id, rowid) AS rn
                FROM events
                WHERE event_id IN (%s)
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
        if (batchIsWholeTable) {
            sql.update(DELETE_LATER_COPIES.formatted(REPEATED_IDS));
        } else {
            sql.update(DELETE_LATER_COPIES.formatted(REPEATED_IDS_OF_BATCH), minObjectId);
        }
    }
}

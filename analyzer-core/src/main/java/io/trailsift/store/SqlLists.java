package io.trailsift.store;

/**
 * A predicate "column is one of these values", with the list bound as one VARCHAR[] parameter.
 * {@code list_contains(?, column)} is pushed into DuckDB's table scan, so the other columns are
 * read only where a value matched; that is what keeps {@code key} and {@code timeline --follow}
 * fast on a large store. Its cost grows with the list, so long lists (the keys of an automation
 * key that assumed roles thousands of times) use a hash semi-join instead.
 */
public final class SqlLists {
    private static final int SCAN_FILTER_MAX_VALUES = 64;

    private SqlLists() {
    }

    /**
     * The predicate for a list of {@code count} values on {@code column}, with one placeholder
     * for the list. The column must be a fixed identifier from the caller's code, never input.
     */
    public static String oneOf(String column, int count) {
        return count <= SCAN_FILTER_MAX_VALUES
                ? "list_contains(?::VARCHAR[], " + column + ")"
                : column + " IN (SELECT unnest(?::VARCHAR[]))";
    }
}

package io.trailsift.lineage;

/**
 * A predicate "column is one of these keys", with the key list bound as one VARCHAR[] parameter.
 * {@code list_contains(?, column)} is pushed into DuckDB's table scan, so the other columns are
 * read only where a key matched; that is what keeps {@code key} and {@code timeline --follow}
 * fast on a large store. Its cost grows with the list, so big lineages (an automation key that
 * assumed roles thousands of times) use a hash semi-join instead.
 */
public final class KeyFilter {
    private static final int SCAN_FILTER_MAX_KEYS = 64;

    private KeyFilter() {
    }

    /**
     * The predicate for {@code count} keys on {@code column}, with one placeholder. The column
     * name must be a fixed identifier from the caller's code, never input.
     */
    public static String on(String column, int count) {
        return count <= SCAN_FILTER_MAX_KEYS
                ? "list_contains(?::VARCHAR[], " + column + ")"
                : column + " IN (SELECT unnest(?::VARCHAR[]))";
    }
}

package io.trailsift.store;

import java.sql.SQLException;

/**
 * A store operation that failed, saying what was being done and why DuckDB refused. Unchecked,
 * as {@link java.io.UncheckedIOException} is: no caller outside {@code store/} can do anything
 * with a JDBC type, and none needs to see one.
 */
public final class StoreException extends RuntimeException {
    StoreException(String doing, SQLException cause) {
        super(doing + ": " + firstLine(cause.getMessage()), cause);
    }

    StoreException(String message) {
        super(message);
    }

    /** DuckDB puts its own context on the lines after the first; the JDBC driver a prefix before it. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.replaceFirst(
                "^Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\\s*", "");
        return m.lines().findFirst().orElse(m).strip();
    }
}

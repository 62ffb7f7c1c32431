package io.trailsift.store;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store operation that failed, saying what was being done and why DuckDB refused. Unchecked,
 * as {@link java.io.UncheckedIOException} is: no caller outside {@code store/} can do anything
 * with a JDBC type, and none needs to see one.
 */
public final class StoreException extends RuntimeException {
    private final String reason;

    StoreException(String doing, SQLException cause) {
        this(doing, explained(firstLine(cause.getMessage())), cause);
    }

    StoreException(String message) {
        this(message, message, null);
    }

    private StoreException(String doing, String reason, SQLException cause) {
        super(doing.equals(reason) ? reason : doing + ": " + reason, cause);
        this.reason = reason;
    }

    /** The same failure, saying what was being done (which derived table, on a store of a hundred million events). */
    StoreException whileDoing(String doing) {
        return new StoreException(doing, reason, getCause() instanceof SQLException sql ? sql : null);
    }

    /** Why, without what was being done: DuckDB's own words, or trailsift's for a refusal. */
    public String reason() {
        return reason;
    }

    /** Another process holds the store's file: nothing is wrong with the command, it must wait. */
    public boolean storeBusy() {
        return reason.startsWith(BUSY);
    }

    private static final String BUSY = "the store is in use by another program";

    /** DuckDB's words when another process holds the file: "Could not set lock on file ... (PID 18383)". */
    private static final Pattern LOCKED =
            Pattern.compile("Could not set lock on file.*\\(PID (\\d+)\\)");

    /** DuckDB's refusals on a sealed store (see {@link EventStore#openReadOnly}), said in trailsift's terms. */
    private static String explained(String reason) {
        Matcher lock = LOCKED.matcher(reason);
        if (lock.find()) {
            return BUSY + " (PID " + lock.group(1)
                    + ", e.g. an ingest still writing it); retry when it finishes";
        }
        if (reason.contains("disabled by configuration") || reason.contains("disabled through configuration")
                || reason.contains("the configuration has been locked")) {
            return "refused: queries and rules run on the store alone, without access to other files or the "
                    + "network and with DuckDB's settings locked (" + reason + ")";
        }
        if (reason.contains("executeQuery() can only be used with queries that return a ResultSet")) {
            return "only queries that return rows run here (SELECT, WITH, DESCRIBE, SUMMARIZE, ...); to save "
                    + "rows to a file, use --format csv or jsonl and redirect the output";
        }
        return reason;
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

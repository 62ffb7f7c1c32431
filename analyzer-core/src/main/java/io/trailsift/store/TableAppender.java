package io.trailsift.store;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Rows appended to one table, in its column order, inside the caller's transaction (the Appender
 * does not flush on close by itself, and loses rows silently when it fails there: it is flushed
 * explicitly).
 */
public final class TableAppender implements AutoCloseable {
    private final DuckDBAppender appender;
    private final String table;

    TableAppender(DuckDBConnection connection, String table) {
        this.table = table;
        try {
            this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
        } catch (SQLException e) {
            throw new StoreException("opening an appender on " + table, e);
        }
    }

    /**
     * One row. Values: null or an empty Optional (NULL), String, Long, Integer, Boolean, Instant
     * (stored as its UTC time), or a collection of strings (a list).
     */
    public void row(Object... values) {
        try {
            appender.beginRow();
            for (Object v : values) {
                append(v instanceof Optional<?> o ? o.orElse(null) : v);
            }
            appender.endRow();
        } catch (SQLException e) {
            throw new StoreException("appending to " + table, e);
        }
    }

    private void append(Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
        } else if (v instanceof String s) {
            appender.append(s);
        } else if (v instanceof Long || v instanceof Integer) {
            appender.append(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            appender.append(b.booleanValue());
        } else if (v instanceof Instant t) {
            appender.append(StoreValues.toStore(t));
        } else if (v instanceof Collection<?> c) {
            appender.append(c);
        } else {
            throw new IllegalArgumentException("cannot append a " + v.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        try (DuckDBAppender a = appender) {
            a.flush();
        } catch (SQLException e) {
            throw new StoreException("writing rows to " + table, e);
        }
    }
}

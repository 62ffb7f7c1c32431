package io.trailsift.store;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * SQL on one connection to the store: the only way code outside {@code store/} runs a query.
 * Callers write SQL text and pass every value as a parameter, bound here by its Java type:
 * String, Long or Integer, Boolean, {@link Instant} (the store's UTC TIMESTAMP), a collection
 * of strings (a VARCHAR[] for {@code list_contains(?, column)}, see {@link SqlLists}), an
 * Optional (empty is NULL) or null.
 *
 * <p>The store's own handle ({@link EventStore#sql()}) is shared; a {@link EventStore#session()}
 * is a private connection, closed with it, for work that creates temporary tables or macros.
 */
public final class Sql implements AutoCloseable {
    private final DuckDBConnection connection;
    private final boolean owned;

    Sql(DuckDBConnection connection, boolean owned) {
        this.connection = connection;
        this.owned = owned;
    }

    /** Every row of the result, each turned into a value by {@code reader}. */
    public <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (PreparedStatement ps = prepared(sql, params); ResultSet rs = ps.executeQuery()) {
            Row row = new Row(rs);
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(reader.read(row));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("query failed", e);
        }
    }

    /** The first row of the result, if there is one. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... params) {
        try (PreparedStatement ps = prepared(sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(reader.read(new Row(rs))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("query failed", e);
        }
    }

    /** The result with its column names, values as plain Java values (times as {@link Instant}). */
    public RowSet rows(String sql, Object... params) {
        try (PreparedStatement ps = prepared(sql, params); ResultSet rs = ps.executeQuery()) {
            return RowSet.of(rs);
        } catch (SQLException e) {
            throw new StoreException("query failed", e);
        }
    }

    /** The names of the columns {@code sql} would return, lower-cased; the query is planned, not run. */
    public List<String> columns(String sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("query failed", e);
        }
    }

    /** Runs a statement that returns no rows; returns the rows it changed. */
    public long update(String sql, Object... params) {
        try (PreparedStatement ps = prepared(sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("statement failed", e);
        }
    }

    /** Runs DDL or a session statement (no parameters, no result). */
    public void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StoreException("statement failed", e);
        }
    }

    /** Work to do in one transaction. */
    @FunctionalInterface
    public interface Work {
        void run(Sql sql);
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * The exception that escapes is the work's own; a rollback that fails too is added to it as
     * suppressed rather than hiding it.
     */
    public void inTransaction(Work work) {
        execute("BEGIN TRANSACTION");
        try {
            work.run(this);
            execute("COMMIT");
        } catch (RuntimeException e) {
            try {
                execute("ROLLBACK");
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Appends rows to {@code table} (a fixed name from the caller's code) inside the current transaction. */
    public TableAppender appender(String table) {
        return new TableAppender(connection, table);
    }

    DuckDBConnection connection() {
        return connection;
    }

    private PreparedStatement prepared(String sql, Object[] params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            // DuckDB runs a statement whose placeholders are not all bound, the unbound ones as
            // NULL, which silently matches nothing: a statement takes exactly the values it names
            int expected = ps.getParameterMetaData().getParameterCount();
            if (expected != params.length) {
                throw new SQLException("the statement takes " + expected + " parameter(s) and " + params.length
                        + " value(s) were bound");
            }
            for (int i = 0; i < params.length; i++) {
                bind(ps, i + 1, params[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (v == null || v instanceof String || v instanceof Boolean) {
            ps.setObject(index, v);
        } else if (v instanceof Long || v instanceof Integer) {
            ps.setLong(index, ((Number) v).longValue());
        } else if (v instanceof Instant t) {
            ps.setObject(index, StoreValues.toStore(t));
        } else if (v instanceof Collection<?> c) {
            ps.setArray(index, connection.createArrayOf("VARCHAR", c.toArray()));
        } else {
            throw new IllegalArgumentException("cannot bind a " + v.getClass().getSimpleName() + " as a parameter");
        }
    }

    /** Closes the connection of a session; the store's own handle is closed with the store. */
    @Override
    public void close() {
        if (owned) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("closing a store session", e);
            }
        }
    }
}

package io.trailsift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The current row of a query's result, read by column label. */
public final class Row {
    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    /** Text, or null for SQL NULL. */
    public String text(String column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    /** Text, empty for SQL NULL. */
    public Optional<String> optionalText(String column) {
        return Optional.ofNullable(text(column));
    }

    /** A whole number; 0 for SQL NULL. */
    public long number(String column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    public Optional<Instant> time(String column) {
        return Optional.ofNullable((Instant) value(column));
    }

    /** A list of text (DuckDB LIST); empty for SQL NULL. */
    public List<String> texts(String column) {
        Object v = value(column);
        if (v == null) {
            return List.of();
        }
        return ((List<?>) v).stream().map(String::valueOf).toList();
    }

    /** Text columns DuckDB packed into one value with {@link PackedStrings#pack}, in order. */
    public List<String> packed(String column) {
        List<Object> out = new ArrayList<>();
        PackedStrings.unpack(text(column), out);
        return out.stream().map(o -> (String) o).toList();
    }

    /** The value as a plain Java value: String, Long, Double, Boolean, Instant, List, or null. */
    public Object value(String column) {
        try {
            return StoreValues.plain(rs.getObject(column));
        } catch (SQLException e) {
            throw failed(column, e);
        }
    }

    private static StoreException failed(String column, SQLException e) {
        return new StoreException("reading column " + column, e);
    }
}

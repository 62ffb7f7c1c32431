package io.trailsift.report;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Named columns and rows of plain values (String, Number, Boolean, null), ready to render.
 * Times are converted to UTC ISO-8601 text with a {@code Z} when read from the store.
 */
public record RowSet(List<String> columns, List<List<Object>> rows) {

    public static RowSet of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(cols.size());
            for (int i = 1; i <= cols.size(); i++) {
                row.add(plain(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new RowSet(List.copyOf(cols), rows);
    }

    /** Store values as JSON-friendly plain values. */
    public static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        if (v instanceof Timestamp ts) {
            return utc(ts.toLocalDateTime());
        }
        if (v instanceof LocalDateTime ldt) {
            return utc(ldt);
        }
        if (v instanceof Array array) {
            // DuckDB LIST values (e.g. list(DISTINCT source_ip)) become lists, which every format renders.
            return elements(array);
        }
        return v.toString();
    }

    private static List<Object> elements(Array array) {
        try {
            List<Object> out = new ArrayList<>();
            for (Object o : (Object[]) array.getArray()) {
                out.add(plain(o));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a list value from the store", e);
        }
    }

    /**
     * Store timestamps are UTC wall-clock values, printed as {@link DateTimeFormatter#ISO_INSTANT}
     * does. CloudTrail times are whole seconds, written here by hand: the formatter's generic path
     * was a third of a second per 33k-row timeline in a fresh JVM (the CLI's case).
     */
    static String utc(LocalDateTime t) {
        if (t.getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(t.toInstant(ZoneOffset.UTC));
        }
        char[] c = "0000-00-00T00:00:00Z".toCharArray();
        digits(c, 0, 4, t.getYear());
        digits(c, 5, 2, t.getMonthValue());
        digits(c, 8, 2, t.getDayOfMonth());
        digits(c, 11, 2, t.getHour());
        digits(c, 14, 2, t.getMinute());
        digits(c, 17, 2, t.getSecond());
        return new String(c);
    }

    private static void digits(char[] into, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}

package io.trailsift.store;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Named columns and rows of plain values: String, Long, Double, Boolean, {@link java.time.Instant}
 * (every time, UTC), List (of the same), or null. What sections of counts and user queries
 * return; typed results have records of their own.
 */
public record RowSet(List<String> columns, List<List<Object>> rows) {
    public RowSet {
        columns = List.copyOf(columns);
    }

    static RowSet of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(cols.size());
            for (int i = 1; i <= cols.size(); i++) {
                row.add(StoreValues.plain(rs.getObject(i)));
            }
            rows.add(row);
        }
        return new RowSet(cols, rows);
    }
}

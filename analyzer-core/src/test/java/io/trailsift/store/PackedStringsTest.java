package io.trailsift.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PackedStringsTest {
    /** Log text is attacker-controlled: whatever a VARCHAR holds must come back unchanged. */
    private static final List<String> AWKWARD = Arrays.asList("plain", "", null, "quote \" and 'apostrophe'",
            "back\\slash \\u0041 \\\"", "line\nbreak\r\ttab", "\u0001\u001f\u007f control", "nul \u0000 inside",
            "é ü ß 漢字", "emoji \uD83D\uDE00 beyond the BMP", "separators \u2028 \u2029", "=cmd|'/c calc'!A1",
            "[\"looks\",\"packed\"]", "x".repeat(20_000));

    @Test
    void everyValueComesBackAsTheDriverReadsItUnpacked() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (n INTEGER, a VARCHAR, b VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (int i = 0; i < AWKWARD.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, AWKWARD.get(i));
                    ps.setString(3, AWKWARD.get(AWKWARD.size() - 1 - i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<List<Object>> direct = new ArrayList<>();
            List<List<Object>> packed = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT a, b, " + PackedStrings.pack(List.of("a", "b", "coalesce(a, b)"))
                    + " FROM t ORDER BY n")) {
                while (rs.next()) {
                    String a = rs.getString(1);
                    String b = rs.getString(2);
                    direct.add(Arrays.asList(a, b, a != null ? a : b));
                    List<Object> row = new ArrayList<>();
                    PackedStrings.unpack(rs.getString(3), row);
                    packed.add(row);
                }
            }
            assertEquals(AWKWARD.size(), packed.size());
            for (int i = 0; i < AWKWARD.size(); i++) {
                assertEquals(AWKWARD.get(i), direct.get(i).get(0), "the driver itself keeps row " + i);
                assertEquals(direct.get(i), packed.get(i), "row " + i);
            }
        }
    }
}

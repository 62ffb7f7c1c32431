package io.trailsift.detect;

import io.trailsift.store.EventStore;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code findings} table: what the last {@code hunt} found, kept with the evidence so
 * {@code report} and {@code investigate} can read it without re-running the rules.
 */
public final class FindingStore {
    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS findings (
              finding_id    BIGINT,
              rule          VARCHAR,
              title         VARCHAR,
              severity      VARCHAR,
              attack        VARCHAR[],
              first_seen    TIMESTAMP,
              last_seen     TIMESTAMP,
              account_id    VARCHAR,
              principal_arn VARCHAR,
              access_key_id VARCHAR,
              source_ips    VARCHAR[],
              event_ids     VARCHAR[],
              summary       VARCHAR
            )""";
    private static final String COLUMNS = "finding_id, rule, title, severity, attack, first_seen, last_seen, "
            + "account_id, principal_arn, access_key_id, source_ips, event_ids, summary";

    private FindingStore() {
    }

    /** Replaces the stored findings of {@code rulesRun} with {@code findings}, in one transaction. */
    public static void replace(EventStore store, Collection<String> rulesRun, List<Finding> findings) throws SQLException {
        Connection c = store.connection();
        try (Statement st = c.createStatement()) {
            st.execute(DDL);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM findings WHERE list_contains(?, rule)")) {
                del.setArray(1, c.createArrayOf("VARCHAR", rulesRun.toArray()));
                del.executeUpdate();
            }
            long next;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(max(finding_id), 0) + 1 FROM findings")) {
                rs.next();
                next = rs.getLong(1);
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO findings (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Finding f : findings) {
                    bind(c, ins, next++, f);
                    ins.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void bind(Connection c, PreparedStatement ins, long id, Finding f) throws SQLException {
        ins.setLong(1, id);
        ins.setString(2, f.rule());
        ins.setString(3, f.title());
        ins.setString(4, f.severity().label());
        ins.setArray(5, c.createArrayOf("VARCHAR", f.attack().toArray()));
        ins.setObject(6, LocalDateTime.ofInstant(f.firstSeen(), ZoneOffset.UTC));
        ins.setObject(7, LocalDateTime.ofInstant(f.lastSeen(), ZoneOffset.UTC));
        ins.setString(8, f.accountId().orElse(null));
        ins.setString(9, f.principalArn().orElse(null));
        ins.setString(10, f.accessKeyId().orElse(null));
        ins.setArray(11, c.createArrayOf("VARCHAR", f.sourceIps().toArray()));
        ins.setArray(12, c.createArrayOf("VARCHAR", f.eventIds().toArray()));
        ins.setString(13, f.summary());
    }

    /** The stored findings, most severe first; empty when no hunt has run on this store. */
    public static List<Finding> read(EventStore store) throws SQLException {
        Connection c = store.connection();
        try (Statement st = c.createStatement();
             ResultSet exists = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'findings' AND NOT temporary")) {
            exists.next();
            if (exists.getLong(1) == 0) {
                return List.of();
            }
        }
        List<Finding> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM findings ORDER BY "
                     + "list_position(['critical','high','medium','low','info'], severity), first_seen, rule, finding_id")) {
            while (rs.next()) {
                out.add(new Finding(rs.getString("rule"), rs.getString("title"), Severity.parse(rs.getString("severity")),
                        strings(rs.getArray("attack")), instant(rs.getObject("first_seen")), instant(rs.getObject("last_seen")),
                        Optional.ofNullable(rs.getString("account_id")), Optional.ofNullable(rs.getString("principal_arn")),
                        Optional.ofNullable(rs.getString("access_key_id")), strings(rs.getArray("source_ips")),
                        strings(rs.getArray("event_ids")), rs.getString("summary")));
            }
        }
        return out;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }

    private static Instant instant(Object v) {
        return v instanceof Timestamp ts ? ts.toLocalDateTime().toInstant(ZoneOffset.UTC)
                : ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
    }
}

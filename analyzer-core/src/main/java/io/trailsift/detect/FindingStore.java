package io.trailsift.detect;

import io.trailsift.store.EventStore;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Array;
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

    /**
     * Replaces the stored findings of {@code rulesRun} with {@code findings}, in one transaction.
     * Rows go in through the Appender (inside an explicit transaction, which is what the Appender
     * honours): a hunt on a large store can produce tens of thousands of findings, far too many
     * for row-by-row INSERTs.
     */
    public static void replace(EventStore store, Collection<String> rulesRun, List<Finding> findings) throws SQLException {
        DuckDBConnection c = store.connection();
        try (Statement st = c.createStatement()) {
            st.execute(DDL);
        }
        try (Statement tx = c.createStatement()) {
            tx.execute("BEGIN TRANSACTION");
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
                try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "findings")) {
                    for (Finding f : findings) {
                        append(app, next++, f);
                    }
                    app.flush();
                }
                tx.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try (Statement rollback = c.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
                throw e;
            }
        }
    }

    /** One row, in the column order of {@link #DDL}. */
    private static void append(DuckDBAppender app, long id, Finding f) throws SQLException {
        app.beginRow();
        app.append(id);
        app.append(f.rule());
        app.append(f.title());
        app.append(f.severity().label());
        app.append(f.attack());
        app.append(LocalDateTime.ofInstant(f.firstSeen(), ZoneOffset.UTC));
        app.append(LocalDateTime.ofInstant(f.lastSeen(), ZoneOffset.UTC));
        appendOptional(app, f.accountId());
        appendOptional(app, f.principalArn());
        appendOptional(app, f.accessKeyId());
        app.append(f.sourceIps());
        app.append(f.eventIds());
        app.append(f.summary());
        app.endRow();
    }

    private static void appendOptional(DuckDBAppender app, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            app.append(value.get());
        } else {
            app.appendNull();
        }
    }

    /** The stored findings, most severe first; empty when no hunt has run on this store. */
    public static List<Finding> read(EventStore store) throws SQLException {
        DuckDBConnection c = store.connection();
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

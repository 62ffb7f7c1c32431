package io.trailsift.verify;

import io.trailsift.store.EventStore;
import io.trailsift.verify.VerifyReport.ObjectResult;
import io.trailsift.verify.VerifyReport.ObjectState;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Keeps verify results in the store so reports can show them: {@code verify_runs} (one row per
 * run, with the JSON summary), {@code verify_objects} (the state of every log object) and
 * {@code verify_digests} (each digest and its signature state). Table and column names are fixed
 * text, never input.
 */
public final class VerifyStore {
    private VerifyStore() {
    }

    static void create(DuckDBConnection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS verify_runs (
                      run_id BIGINT, verified_at TIMESTAMP, inputs VARCHAR, verified BIGINT, modified BIGINT,
                      missing BIGINT, unverified BIGINT, digests BIGINT, chain_breaks BIGINT, signatures VARCHAR,
                      gaps BIGINT, failed BOOLEAN, summary JSON)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS verify_objects (
                      run_id BIGINT, state VARCHAR, s3_key VARCHAR, path VARCHAR, account_id VARCHAR, region VARCHAR,
                      oldest_event_time TIMESTAMP, newest_event_time TIMESTAMP, digest VARCHAR,
                      expected_sha256 VARCHAR, actual_sha256 VARCHAR, detail VARCHAR)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS verify_digests (
                      run_id BIGINT, digest VARCHAR, path VARCHAR, account_id VARCHAR, region VARCHAR,
                      digest_start_time TIMESTAMP, digest_end_time TIMESTAMP, log_files BIGINT, signature VARCHAR,
                      detail VARCHAR)""");
        }
    }

    /** Stores one run in one transaction; returns its run_id. */
    public static long save(EventStore store, VerifyReport r, String inputs) throws SQLException {
        DuckDBConnection c = store.connection();
        create(c);
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN TRANSACTION");
            try {
                long run = nextRunId(c);
                insertRun(c, run, r, inputs);
                appendObjects(c, run, r);
                appendDigests(c, run, r);
                st.execute("COMMIT");
                return run;
            } catch (SQLException | RuntimeException e) {
                try (Statement rollback = c.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
                throw e;
            }
        }
    }

    private static long nextRunId(DuckDBConnection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(run_id), 0) + 1 FROM verify_runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertRun(DuckDBConnection c, long run, VerifyReport r, String inputs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO verify_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, run);
            ps.setObject(2, LocalDateTime.now(ZoneOffset.UTC));
            ps.setString(3, inputs);
            ps.setLong(4, r.count(ObjectState.VERIFIED));
            ps.setLong(5, r.count(ObjectState.MODIFIED));
            ps.setLong(6, r.count(ObjectState.MISSING));
            ps.setLong(7, r.count(ObjectState.UNVERIFIED));
            ps.setLong(8, r.digests().size());
            ps.setLong(9, r.chainBreaks().size());
            ps.setString(10, r.signatures().text());
            ps.setLong(11, r.gaps().size());
            ps.setBoolean(12, r.failed());
            ps.setString(13, VerifyJson.toJson(r));
            ps.executeUpdate();
        }
    }

    private static void appendObjects(DuckDBConnection c, long run, VerifyReport r) throws SQLException {
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "verify_objects")) {
            for (ObjectResult o : r.objects()) {
                a.beginRow();
                a.append(run);
                a.append(VerifyReport.kebab(o.state()));
                a.append(o.key());
                text(a, o.path());
                text(a, o.accountId());
                text(a, o.region());
                time(a, o.oldestEventTime());
                time(a, o.newestEventTime());
                text(a, o.digest());
                text(a, o.expectedSha256());
                text(a, o.actualSha256());
                a.append(o.detail());
                a.endRow();
            }
            a.flush();
        }
    }

    private static void appendDigests(DuckDBConnection c, long run, VerifyReport r) throws SQLException {
        try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "verify_digests")) {
            for (VerifyReport.DigestCheck d : r.digests()) {
                a.beginRow();
                a.append(run);
                a.append(d.key());
                a.append(d.path());
                a.append(d.accountId());
                text(a, d.region());
                time(a, Optional.of(d.start()));
                time(a, Optional.of(d.end()));
                a.append((long) d.logFiles());
                a.append(d.signature().text());
                a.append(d.detail());
                a.endRow();
            }
            a.flush();
        }
    }

    private static void text(DuckDBAppender a, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            a.append(v.get());
        } else {
            a.appendNull();
        }
    }

    private static void time(DuckDBAppender a, Optional<Instant> v) throws SQLException {
        if (v.isPresent()) {
            a.append(LocalDateTime.ofInstant(v.get(), ZoneOffset.UTC));
        } else {
            a.appendNull();
        }
    }
}

package io.trailsift.pivot;

import io.trailsift.lineage.CredentialActivity;
import io.trailsift.lineage.KeyFilter;
import io.trailsift.lineage.LineageGraph;
import io.trailsift.lineage.LineageTree;
import io.trailsift.report.PackedStrings;
import io.trailsift.report.RowSet;
import io.trailsift.store.EventStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Events in time order, filtered. Rows have exactly the architecture's Timeline columns;
 * {@code depth} and {@code via_key} (the credential's depth in the lineage tree of the followed
 * key, and the key that issued it) are filled only with {@code follow}.
 */
public final class Timeline {
    public static final List<String> COLUMNS = List.of("event_time", "event_id", "account_id", "aws_region",
            "event_source", "event_name", "principal_arn", "access_key_id", "source_ip", "user_agent",
            "error_code", "read_only", "depth", "via_key");

    /*
     * The text columns, between event_time and read_only, fetched packed (PackedStrings: the JDBC
     * driver's per-value cost is most of a long timeline's time). account_id is the account that
     * logged the event (recipient), as in `stats`.
     */
    private static final String SELECT = "SELECT event_time, " + PackedStrings.pack(List.of("event_id",
            "coalesce(recipient_account_id, account_id)", "aws_region", "event_source", "event_name", "principal_arn",
            "access_key_id", "source_ip", "user_agent", "error_code")) + ", read_only FROM events WHERE true";
    private static final int KEY_COLUMN = COLUMNS.indexOf("access_key_id");

    private Timeline() {
    }

    public static RowSet query(EventStore store, TimelineFilter filter) throws SQLException {
        Map<String, LineageTree.Entry> followed = new HashMap<>();
        if (filter.follow() && filter.key().isPresent()) {
            LineageTree tree = LineageTree.down(LineageGraph.below(store, filter.key().get()), filter.key().get());
            tree.entries().forEach(e -> followed.put(e.accessKeyId(), e));
        }
        // Only fixed fragments are appended; every value is a bound parameter, in the same order.
        StringBuilder sql = new StringBuilder(SELECT);
        List<Binder> binds = new ArrayList<>();
        if (filter.key().isPresent()) {
            keys(store, followed.isEmpty() ? Set.of(filter.key().get()) : followed.keySet(), sql, binds);
        }
        if (filter.principal().isPresent()) {
            sql.append(" AND ").append(PrincipalMatch.SQL);
            binds.add((ps, i) -> PrincipalMatch.bind(ps, i, filter.principal().get()));
        }
        if (filter.ip().isPresent()) {
            sql.append(" AND source_ip = ?");
            binds.add(text(filter.ip().get()));
        }
        if (!filter.events().isEmpty()) {
            sql.append(" AND ").append(KeyFilter.on("event_name", filter.events().size()));
            binds.add(texts(store, filter.events()));
        }
        if (filter.since().isPresent()) {
            sql.append(" AND event_time >= ?");
            binds.add(time(filter.since().get()));
        }
        if (filter.until().isPresent()) {
            sql.append(" AND event_time < ?");
            binds.add(time(filter.until().get()));
        }
        if (filter.errorsOnly()) {
            sql.append(" AND error_code IS NOT NULL");
        }
        sql.append(" ORDER BY event_time, event_id");
        if (filter.limit().isPresent()) {
            sql.append(" LIMIT ?");
            long n = filter.limit().getAsLong();
            binds.add((ps, i) -> {
                ps.setLong(i, n);
                return i + 1;
            });
        }
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement(sql.toString())) {
            int index = 1;
            for (Binder b : binds) {
                index = b.bind(ps, index);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(COLUMNS.size());
                    row.add(RowSet.plain(rs.getObject(1)));
                    PackedStrings.unpack(rs.getString(2), row);
                    row.add(rs.getObject(3));
                    LineageTree.Entry e = followed.get((String) row.get(KEY_COLUMN));
                    row.add(e == null ? null : (long) e.depth());
                    row.add(e == null ? null : e.parent().orElse(null));
                    rows.add(row);
                }
            }
        }
        return new RowSet(COLUMNS, rows);
    }

    /**
     * The events of these keys. Their activity (from the derived key_use table) narrows the scan
     * twice: keys that never made a logged call are left out, which keeps the list short enough
     * for DuckDB to push into its scan (a wide tree is mostly sessions that did nothing), and the
     * scan is limited to the keys' first and last call, so DuckDB skips the row groups whose event
     * times all fall outside (on the 2-day benchmark corpus a 2-hour window reads 43 of 82 row
     * groups; the longer the store's span, the larger the share skipped). Events without a time
     * are kept.
     */
    private static void keys(EventStore store, Set<String> keys, StringBuilder sql, List<Binder> binds)
            throws SQLException {
        Map<String, CredentialActivity> activity = CredentialActivity.forKeys(store, keys);
        List<String> active = keys.stream().filter(activity::containsKey).sorted().toList();
        if (active.isEmpty()) {
            sql.append(" AND false");
            return;
        }
        if (active.size() == 1) {
            sql.append(" AND access_key_id = ?");
            binds.add(text(active.get(0)));
        } else {
            sql.append(" AND ").append(KeyFilter.on("access_key_id", active.size()));
            binds.add(texts(store, active));
        }
        Optional<Instant> first = activity.values().stream().flatMap(a -> a.firstSeen().stream())
                .min(Comparator.naturalOrder());
        Optional<Instant> last = activity.values().stream().flatMap(a -> a.lastSeen().stream())
                .max(Comparator.naturalOrder());
        if (first.isPresent() && last.isPresent()) {
            sql.append(" AND (event_time BETWEEN ? AND ? OR event_time IS NULL)");
            binds.add(time(first.get()));
            binds.add(time(last.get()));
        } else {
            sql.append(" AND event_time IS NULL");
        }
    }

    @FunctionalInterface
    interface Binder {
        /** Binds from parameter {@code index}; returns the next free index. */
        int bind(PreparedStatement ps, int index) throws SQLException;
    }

    static Binder text(String value) {
        return (ps, i) -> {
            ps.setString(i, value);
            return i + 1;
        };
    }

    /** A VARCHAR[] parameter, for a {@link KeyFilter} predicate. */
    static Binder texts(EventStore store, Collection<String> values) {
        return (ps, i) -> {
            ps.setArray(i, store.connection().createArrayOf("VARCHAR", values.toArray()));
            return i + 1;
        };
    }

    /** The store keeps event_time as UTC wall-clock TIMESTAMP. */
    static Binder time(Instant t) {
        return (ps, i) -> {
            ps.setObject(i, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            return i + 1;
        };
    }
}

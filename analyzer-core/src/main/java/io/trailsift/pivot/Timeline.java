package io.trailsift.pivot;

import io.trailsift.lineage.CredentialActivity;
import io.trailsift.lineage.LineageGraph;
import io.trailsift.lineage.LineageTree;
import io.trailsift.store.EventStore;
import io.trailsift.store.PackedStrings;
import io.trailsift.store.Row;
import io.trailsift.store.SqlLists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Events in time order, filtered (see {@link TimelineRow}); with {@code follow}, the events of a
 * key and of every credential it issued, each tagged with its place in the lineage.
 */
public final class Timeline {
    /*
     * The text columns fetched packed (PackedStrings: the JDBC driver's per-value cost is most of a
     * long timeline's time). account_id is the account that logged the event (recipient), as in `stats`.
     */
    private static String select(EventStore store, boolean detail) {
        return "SELECT event_time, " + PackedStrings.pack(List.of("event_id",
                "coalesce(recipient_account_id, account_id)", "aws_region", "event_source", "event_name", "principal_arn",
                "access_key_id", "source_ip", store.shownAgent("user_agent"), "error_code"))
                + " AS packed, read_only" + (detail ? ", request_parameters" : "") + " FROM events WHERE true";
    }

    private Timeline() {
    }

    public static List<TimelineRow> query(EventStore store, TimelineFilter filter) {
        return rows(store, filter, Selection.of(store, filter));
    }

    /**
     * The rows, and how many events the filter selects whatever its limit (what a cut timeline
     * leaves out): counted only when the limit cut it, with the lineage and conditions of the rows.
     */
    public static TimelinePage page(EventStore store, TimelineFilter filter) {
        Selection selection = Selection.of(store, filter);
        List<TimelineRow> rows = rows(store, filter, selection);
        if (filter.limit().isEmpty() || rows.size() < filter.limit().getAsLong()) {
            return new TimelinePage(rows, rows.size());
        }
        long total = store.sql().query("SELECT count(*) AS n FROM events WHERE true" + selection.where,
                r -> r.number("n"), selection.binds.toArray()).get(0);
        return new TimelinePage(rows, total);
    }

    private static List<TimelineRow> rows(EventStore store, TimelineFilter filter, Selection selection) {
        StringBuilder sql = new StringBuilder(select(store, filter.detail())).append(selection.where);
        List<Object> binds = new ArrayList<>(selection.binds);
        sql.append(" ORDER BY event_time, event_id");
        if (filter.limit().isPresent()) {
            sql.append(" LIMIT ?");
            binds.add(filter.limit().getAsLong());
        }
        return store.sql().query(sql.toString(), row -> row(row, selection.followed, filter.detail()), binds.toArray());
    }

    /** What a filter selects: the followed lineage, and the WHERE conditions (fixed text) with their bound values. */
    private record Selection(Map<String, LineageTree.Entry> followed, String where, List<Object> binds) {
        static Selection of(EventStore store, TimelineFilter filter) {
            Map<String, LineageTree.Entry> followed = Timeline.followed(store, filter);
            StringBuilder where = new StringBuilder();
            List<Object> binds = new ArrayList<>();
            Timeline.where(store, filter, followed, where, binds);
            return new Selection(followed, where.toString(), binds);
        }
    }

    /** With follow, the key's lineage: each credential's place in it. */
    private static Map<String, LineageTree.Entry> followed(EventStore store, TimelineFilter filter) {
        Map<String, LineageTree.Entry> followed = new HashMap<>();
        if (filter.follow() && filter.key().isPresent()) {
            LineageTree tree = LineageTree.down(LineageGraph.below(store, filter.key().get()), filter.key().get());
            tree.entries().forEach(e -> followed.put(e.accessKeyId(), e));
        }
        return followed;
    }

    /** The filter's conditions. Only fixed fragments are appended; every value is a bound parameter, in the same order. */
    private static void where(EventStore store, TimelineFilter filter, Map<String, LineageTree.Entry> followed,
                              StringBuilder sql, List<Object> binds) {
        if (filter.key().isPresent()) {
            keys(store, followed.isEmpty() ? Set.of(filter.key().get()) : followed.keySet(), sql, binds);
        }
        if (filter.principal().isPresent()) {
            sql.append(" AND ").append(PrincipalMatch.SQL);
            binds.addAll(PrincipalMatch.params(filter.principal().get()));
        }
        if (filter.ip().isPresent()) {
            AddressRange addresses = filter.ip().get();
            sql.append(" AND ").append(addresses.condition());
            binds.addAll(addresses.params(store));
        }
        if (!filter.events().isEmpty()) {
            sql.append(" AND ").append(SqlLists.oneOf("event_name", filter.events().size()));
            binds.add(filter.events());
        }
        if (filter.since().isPresent()) {
            sql.append(" AND event_time >= ?");
            binds.add(filter.since().get());
        }
        if (filter.until().isPresent()) {
            sql.append(" AND event_time < ?");
            binds.add(filter.until().get());
        }
        if (filter.errorsOnly()) {
            sql.append(" AND error_code IS NOT NULL");
        }
    }

    private static TimelineRow row(Row r, Map<String, LineageTree.Entry> followed, boolean detail) {
        List<String> t = r.packed("packed");
        String key = t.get(6);
        Optional<LineageTree.Entry> e = Optional.ofNullable(key == null ? null : followed.get(key));
        return new TimelineRow(r.time("event_time"), t.get(0), Optional.ofNullable(t.get(1)), Optional.ofNullable(t.get(2)),
                Optional.ofNullable(t.get(3)), Optional.ofNullable(t.get(4)), Optional.ofNullable(t.get(5)),
                Optional.ofNullable(key), Optional.ofNullable(t.get(7)), Optional.ofNullable(t.get(8)),
                Optional.ofNullable(t.get(9)), Optional.ofNullable((Boolean) r.value("read_only")),
                e.map(LineageTree.Entry::depth), e.flatMap(LineageTree.Entry::parent),
                detail ? Optional.of(RequestDetail.of(r.optionalText("request_parameters").orElse(null))) : Optional.empty());
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
    private static void keys(EventStore store, Set<String> keys, StringBuilder sql, List<Object> binds) {
        Map<String, CredentialActivity> activity = CredentialActivity.forKeys(store, keys);
        List<String> active = keys.stream().filter(activity::containsKey).sorted().toList();
        if (active.isEmpty()) {
            sql.append(" AND false");
            return;
        }
        if (active.size() == 1) {
            sql.append(" AND access_key_id = ?");
            binds.add(active.get(0));
        } else {
            sql.append(" AND ").append(SqlLists.oneOf("access_key_id", active.size()));
            binds.add(active);
        }
        Optional<Instant> first = activity.values().stream().flatMap(a -> a.firstSeen().stream())
                .min(Comparator.naturalOrder());
        Optional<Instant> last = activity.values().stream().flatMap(a -> a.lastSeen().stream())
                .max(Comparator.naturalOrder());
        if (first.isPresent() && last.isPresent()) {
            sql.append(" AND (event_time BETWEEN ? AND ? OR event_time IS NULL)");
            binds.add(first.get());
            binds.add(last.get());
        } else {
            sql.append(" AND event_time IS NULL");
        }
    }
}

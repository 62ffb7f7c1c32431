package io.trailsift.investigate;

import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.store.EventStore;
import io.trailsift.store.SqlLists;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads the {@link EvidenceLimits} of a lineage from the store. */
final class Evidence {
    /**
     * Damaged objects whose recovered events overlap the lineage's first..last call: a call of the
     * lineage in the lost part of the object would have fallen in that window too.
     */
    private static final String DAMAGED = """
            WITH d AS (
              SELECT o.object_id, o.path, o.records, coalesce(o.error, '') AS error,
                     min(e.event_time) AS oldest, max(e.event_time) AS newest
              FROM objects o LEFT JOIN events e ON e.object_id = o.object_id
              WHERE o.status = 'damaged' GROUP BY ALL),
            l AS (
              SELECT object_id, access_key_id || '=' || count(*) AS n
              FROM events WHERE %s AND object_id IN (SELECT object_id FROM d) GROUP BY object_id, access_key_id)
            SELECT d.path, d.records, d.error, d.oldest, d.newest,
                   list(l.n ORDER BY l.n) FILTER (WHERE l.n IS NOT NULL) AS lineage_events
            FROM d LEFT JOIN l USING (object_id)
            WHERE l.object_id IS NOT NULL OR d.oldest IS NULL OR (d.newest >= ? AND d.oldest <= ?)
            GROUP BY ALL ORDER BY d.path""";

    private static final String LAST_RUN = """
            SELECT run_id, verified_at, failed, inputs FROM verify_runs ORDER BY run_id DESC LIMIT 1""";

    /** The states verify gave the objects holding the lineage's events (matched by file path). */
    private static final String STATES = """
            SELECT v.state || '=' || count(DISTINCT o.object_id) AS state
            FROM verify_objects v JOIN objects o ON o.path = v.path
            WHERE v.run_id = ? AND o.object_id IN (SELECT DISTINCT object_id FROM events WHERE %s)
            GROUP BY v.state ORDER BY v.state""";

    private static final String OBJECTS = """
            SELECT status, count(*) AS objects, sum(records)::BIGINT AS records FROM objects GROUP BY 1 ORDER BY 1""";

    private Evidence() {
    }

    static EvidenceLimits of(EventStore store, Lineage lineage, List<String> keys) {
        Instant first = lineage.nodes().stream().flatMap(n -> n.activity().firstSeen().stream())
                .min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant last = lineage.nodes().stream().map(LineageNode::activity).flatMap(a -> a.lastSeen().stream())
                .max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        String byKey = SqlLists.oneOf("access_key_id", keys.size());
        List<EvidenceLimits.DamagedObject> damaged = store.sql().query(DAMAGED.formatted(byKey),
                r -> new EvidenceLimits.DamagedObject(r.text("path"), r.number("records"), r.text("error"),
                        r.time("oldest"), r.time("newest"), r.texts("lineage_events")), keys, first, last);
        record Run(long id, Instant at, boolean failed, String inputs) {
        }
        Optional<Run> run = store.sql().first(LAST_RUN, r -> new Run(r.number("run_id"), r.time("verified_at").orElseThrow(),
                Boolean.TRUE.equals(r.value("failed")), r.optionalText("inputs").orElse("")));
        Optional<EvidenceLimits.VerifyState> verify = run.map(v -> new EvidenceLimits.VerifyState(v.at(), v.failed(),
                v.inputs(), store.sql().query(STATES.formatted(byKey), s -> s.text("state"), v.id(), keys)));
        List<EvidenceLimits.ObjectCount> objects = store.sql().query(OBJECTS,
                r -> new EvidenceLimits.ObjectCount(r.text("status"), r.number("objects"), r.number("records")));
        return new EvidenceLimits(damaged, verify, objects);
    }
}

package io.trailsift.verify;

import io.trailsift.store.EventStore;
import io.trailsift.store.TableAppender;
import io.trailsift.verify.VerifyReport.ObjectResult;
import io.trailsift.verify.VerifyReport.ObjectState;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps verify results in the store so reports can show them: {@code verify_runs} (one row per
 * run, with the JSON summary), {@code verify_objects} (the state of every log object) and
 * {@code verify_digests} (each digest and its signature state).
 */
public final class VerifyStore {
    private VerifyStore() {
    }

    /** The store's disputed events, each copy with the verify state of the object holding it. */
    public static List<DisputedCopy> disputed(EventStore store, VerifyReport r) {
        Map<String, ObjectState> byPath = new HashMap<>();
        r.objects().forEach(o -> o.path().ifPresent(p -> byPath.put(p, o.state())));
        return store.sql().query("""
                SELECT c.event_id, o.path FROM event_conflicts c JOIN objects o USING (object_id)
                ORDER BY c.event_id, c.object_id""",
                row -> new DisputedCopy(row.text("event_id"), row.text("path"),
                        Optional.ofNullable(byPath.get(row.text("path")))));
    }

    /** Stores one run in one transaction; returns its run_id. */
    public static long save(EventStore store, VerifyReport r, List<DisputedCopy> disputed, String inputs) {
        long[] run = new long[1];
        store.sql().inTransaction(tx -> {
            run[0] = tx.first("SELECT coalesce(max(run_id), 0) + 1 AS next FROM verify_runs", row -> row.number("next"))
                    .orElseThrow();
            tx.update("INSERT INTO verify_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", run[0], Instant.now(),
                    inputs, r.count(ObjectState.VERIFIED), r.count(ObjectState.MODIFIED), r.count(ObjectState.MISSING),
                    r.count(ObjectState.UNVERIFIED), (long) r.digests().size(), (long) r.chainBreaks().size(),
                    r.signatures().text(), (long) r.gaps().size(), r.failed() || !disputed.isEmpty(), VerifyJson.toJson(r, disputed));
            try (TableAppender objects = tx.appender("verify_objects")) {
                for (ObjectResult o : r.objects()) {
                    objects.row(run[0], o.state().text(), o.key(), o.path(), o.accountId(), o.region(),
                            o.oldestEventTime(), o.newestEventTime(), o.digest(), o.expectedSha256(), o.actualSha256(),
                            o.detail());
                }
            }
            try (TableAppender digests = tx.appender("verify_digests")) {
                for (VerifyReport.DigestCheck d : r.digests()) {
                    digests.row(run[0], d.key(), d.path(), d.accountId(), d.region(), d.start(), d.end(),
                            (long) d.logFiles(), d.signature().text(), d.detail());
                }
            }
        });
        return run[0];
    }
}

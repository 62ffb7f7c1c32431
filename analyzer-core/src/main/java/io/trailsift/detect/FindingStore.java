package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.store.TableAppender;

import java.util.Collection;
import java.util.List;

/**
 * The {@code findings} table: what the last {@code hunt} found, kept with the evidence in the
 * store, so that {@code sql} and later tools can read findings without running the rules again.
 */
public final class FindingStore {
    private FindingStore() {
    }

    /**
     * Replaces the stored findings of {@code rulesRun} with {@code findings}, in one transaction.
     * Rows go in through the appender: a hunt on a large store can produce tens of thousands of
     * findings, far too many for row-by-row INSERTs.
     */
    public static void replace(EventStore store, Collection<String> rulesRun, List<Finding> findings) {
        store.sql().inTransaction(tx -> {
            tx.update("DELETE FROM findings WHERE list_contains(?, rule)", rulesRun);
            long next = tx.first("SELECT coalesce(max(finding_id), 0) + 1 AS next FROM findings", r -> r.number("next"))
                    .orElseThrow();
            try (TableAppender rows = tx.appender("findings")) {
                for (Finding f : findings) {
                    rows.row(next++, f.rule(), f.title(), f.severity().label(), f.attack(), f.firstSeen(), f.lastSeen(),
                            f.accountId(), f.principalArn(), f.accessKeyId(), f.sourceIps(), f.eventIds(), f.summary());
                }
            }
        });
    }
}

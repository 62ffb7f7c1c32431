package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;

import java.nio.file.Path;
import java.util.List;

/** Runs rules over a store file and keeps their findings in it. */
public final class Hunt {
    private Hunt() {
    }

    /**
     * Rules run on a read-only connection so that no rule file can alter the evidence; only
     * then is the store opened for writing, to keep the findings.
     */
    public static HuntResult runAndKeep(Path db, List<Rule> rules, StoreOptions options) {
        HuntResult result;
        try (EventStore es = EventStore.openReadOnly(db)) {
            result = Detector.run(es, rules);
        }
        try (EventStore es = EventStore.open(db, options)) {
            FindingStore.replace(es, result.rulesRun(), result.findings());
        }
        return result;
    }
}

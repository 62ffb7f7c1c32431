package io.trailsift;

import io.trailsift.detect.Detector;
import io.trailsift.detect.Finding;
import io.trailsift.detect.FindingStore;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.Rule;
import io.trailsift.detect.RuleLoader;
import io.trailsift.detect.RuleSet;
import io.trailsift.sigma.SigmaLoader;
import io.trailsift.ingest.Ingest;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.investigate.Investigation;
import io.trailsift.investigate.Investigator;
import io.trailsift.lineage.Lineage;
import io.trailsift.pivot.AddressRange;
import io.trailsift.pivot.IpPivot;
import io.trailsift.pivot.NearestNames;
import io.trailsift.pivot.PrincipalPivot;
import io.trailsift.pivot.PrincipalWindow;
import io.trailsift.pivot.Timeline;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.pivot.TimelinePage;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.lake.LakeException;
import io.trailsift.lake.LakeExport;
import io.trailsift.lake.LakeLayout;
import io.trailsift.lake.LakeLoad;
import io.trailsift.store.ConflictingCopies;
import io.trailsift.store.EventStore;
import io.trailsift.store.RowSet;
import io.trailsift.store.StoreException;
import io.trailsift.store.StoreOptions;
import io.trailsift.store.StoreStats;
import io.trailsift.triage.Novelty;
import io.trailsift.triage.Ranking;
import io.trailsift.triage.Triage;
import io.trailsift.verify.DisputedCopy;
import io.trailsift.verify.NearEvents;
import io.trailsift.verify.Verify;
import io.trailsift.verify.VerifyOptions;
import io.trailsift.verify.VerifyReport;
import io.trailsift.verify.VerifyRun;
import io.trailsift.verify.VerifyStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One incident's store and everything trailsift does with it: the door for embedders (the CLI, a
 * Spark job, a UI). Open a case on a store file, ingest evidence into it, then hunt, follow keys,
 * pivot, verify and investigate.
 *
 * <p>The store is opened when an operation needs it, in the mode it needs: read-only for queries
 * and for running rules (no rule file can change the evidence), writable to ingest and to keep
 * findings and verify results. A case is for one thread at a time; every analysis runs its
 * temporary tables on a connection of its own.
 */
public final class Case implements AutoCloseable {
    private final Path db;
    private final StoreOptions options;
    private final boolean readOnly;
    /** Set when the case's events are a Parquet lake rather than a store file. */
    private final Optional<LakeLayout> lake;
    private EventStore store;

    private Case(Path db, StoreOptions options, boolean readOnly) {
        this(db, options, readOnly, Optional.empty());
    }

    private Case(Path db, StoreOptions options, boolean readOnly, Optional<LakeLayout> lake) {
        this.db = db;
        this.options = options;
        this.readOnly = readOnly;
        this.lake = lake;
    }

    /**
     * A case on the Parquet lake in the folder {@code lake}: ingest writes the lake (created by the
     * first ingest), and every query reads it in place through DuckDB. Findings and verify runs are
     * not kept: a lake holds events only.
     */
    public static Case openLake(Path lake, StoreOptions options) {
        return new Case(lake, options, true, Optional.of(new LakeLayout(lake)));
    }

    /** A case on the store at {@code db}, created by the first ingest if it does not exist. */
    public static Case open(Path db, StoreOptions options) {
        return new Case(db, options, false);
    }

    public static Case open(Path db) {
        return open(db, StoreOptions.defaults());
    }

    /** A case that can only read: the store must exist, and nothing done through it changes it. */
    public static Case openReadOnly(Path db) {
        return openReadOnly(db, StoreOptions.defaults());
    }

    /** {@link #openReadOnly(Path)}, with how answers show user agents from {@code options}. */
    public static Case openReadOnly(Path db, StoreOptions options) {
        Case c = new Case(db, options, true);
        c.reading();
        return c;
    }

    /** Which trailsift this is: its version and the commit it was built from. */
    public static BuildInfo build() {
        return BuildInfo.current();
    }

    /** The shipped rule pack plus, when given, the rule files of {@code userRules}. */
    public static RuleSet rules(Optional<Path> userRules) {
        return RuleLoader.load(userRules);
    }

    /**
     * {@link #rules(Optional)} plus the Sigma rules of {@code sigma} (files and folders) and of the
     * shipped Sigma packs named in {@code packs} (see {@link SigmaLoader#SIGMAHQ}); an unknown pack
     * name is an IllegalArgumentException.
     */
    public static RuleSet rules(Optional<Path> userRules, List<Path> sigma, List<String> packs) {
        RuleSet set = rules(userRules);
        for (String pack : packs) {
            set = set.plus(SigmaLoader.pack(pack));
        }
        return sigma.isEmpty() ? set : set.plus(SigmaLoader.load(sigma));
    }

    /** Verifies evidence without a store: gaps are not matched to trail events, nothing is kept. */
    public static VerifyReport verifyWithoutStore(VerifyOptions options) throws IOException, InterruptedException {
        return new Verify(options, NearEvents.NONE).run();
    }

    public Path path() {
        return db;
    }

    /** Reads objects into the store or lake; objects it already holds are not read again. */
    public IngestSummary ingest(IngestOptions ingest, IngestListener listener) throws IOException, InterruptedException {
        if (lake.isEmpty()) {
            return new Ingest(writing(), ingest).run(listener);
        }
        if (store != null) {
            closeStore(); // its views would not see the new files
        }
        try (LakeLoad load = LakeLoad.open(lake.get().root(), EventStore::lakeObjects, ingest.batchRows())) {
            IngestSummary summary = new Ingest(threads -> load, ingest).run(listener);
            List<ConflictingCopies> conflicts = EventStore.lakeIngested(lake.get().paths(), load.firstObjectId(), options);
            return summary.withConflicts(conflicts);
        }
    }

    /**
     * Writes this case's store out as a Parquet lake in the folder {@code lakeRoot}, which must hold
     * no lake yet: the same files an ingest into it would have written, its objects keeping their ids.
     * Returns the events written.
     */
    public long exportLake(Path lakeRoot) {
        LakeLayout target = new LakeLayout(lakeRoot);
        if (target.exists()) {
            throw new LakeException(lakeRoot + " already holds a lake: export into a new folder");
        }
        try (LakeLoad load = LakeLoad.open(lakeRoot, EventStore::lakeObjects, Long.MAX_VALUE)) {
            long written = LakeExport.run(reading(), load);
            EventStore.lakeIngested(target.paths(), 0, options);
            return written;
        }
    }

    /**
     * Copies the events of a lake's slice (one account, from a time on) into this case's store for a
     * deep investigation; objects already copied for the same slice are not copied again. Returns
     * the events the store gained.
     */
    public long ingestFromLake(Path lakeRoot, Optional<String> account, Optional<Instant> since, Optional<Instant> until) {
        LakeLayout source = new LakeLayout(lakeRoot);
        if (!source.exists()) {
            throw new LakeException("no trailsift lake at " + lakeRoot + " (its objects/ folder is missing)");
        }
        return writing().copyFromLake(source.paths(), account, since, until);
    }

    /**
     * Runs the rules on a read-only store, then (unless the case is read-only) keeps their findings
     * in it, replacing earlier findings of the same rules.
     */
    public HuntResult hunt(List<Rule> rules) {
        return hunt(rules, Optional.empty());
    }

    /**
     * {@link #hunt(List)}, with the rules that ask whether something is new for a principal
     * judging it against what the principal did before {@code baselineUntil} (a time known to be
     * before the incident) instead of before each event.
     */
    public HuntResult hunt(List<Rule> rules, Optional<Instant> baselineUntil) {
        HuntResult result = Detector.run(readingOnly(), rules, baselineUntil);
        if (!readOnly) {
            FindingStore.replace(writing(), result.rulesRun(), result.findings());
        }
        return result;
    }

    /**
     * The principals and credentials {@code findings} are about, each with its findings and a
     * score, highest first (see {@link Triage}); whether their addresses are new to them is judged
     * by their own earlier events in this store.
     */
    public Ranking triage(List<Finding> findings) {
        return Triage.rank(findings, Novelty.inStore(reading()));
    }

    /**
     * Objects an interrupted ingest left partly stored: until an ingest of the same inputs
     * completes them, every answer from this store may miss some of their events.
     */
    public List<String> unfinishedObjects() {
        return lake.isPresent() ? lake.get().unfinished() : reading().unfinishedObjects();
    }

    /**
     * Names in the store near one that matched nothing, for "did you mean": {@code kind} is what
     * was typed (an access key id, a principal, an event name).
     */
    public List<String> nearest(NameKind kind, String typed) {
        return switch (kind) {
            case ACCESS_KEY -> NearestNames.keys(reading(), typed);
            case PRINCIPAL -> NearestNames.principals(reading(), typed);
            case EVENT_NAME -> NearestNames.eventNames(reading(), typed);
            case ADDRESS -> NearestNames.addresses(reading(), typed);
        };
    }

    /** When the newest event of the store happened: what relative times on a store count back from. */
    public Optional<Instant> newestEvent() {
        return reading().newestEventTime();
    }

    /** How many events the store holds. */
    public long eventCount() {
        return reading().eventCount();
    }

    /** The event names of the store that {@code typed} names, whatever its case. */
    public List<String> eventNamesSpelled(String typed) {
        return NearestNames.eventNamesSpelled(reading(), typed);
    }

    /** What a typed name stands for, to look for its nearest matches. */
    public enum NameKind { ACCESS_KEY, PRINCIPAL, EVENT_NAME, ADDRESS }

    /** The key and every credential it issued, transitively, with what each did. */
    public Lineage lineage(String key) {
        return Lineage.descendants(reading(), key);
    }

    /** The chain of credentials that led to the key, oldest first. */
    public Lineage ancestors(String key) {
        return Lineage.ancestors(reading(), key);
    }

    public List<TimelineRow> timeline(TimelineFilter filter) {
        return Timeline.query(reading(), filter);
    }

    /** The timeline's rows, and how many events {@code filter} selects in all, its limit aside. */
    public TimelinePage timelinePage(TimelineFilter filter) {
        return Timeline.page(reading(), filter);
    }

    /** Sections to pivot on for one principal (see {@link PrincipalPivot}). */
    public Map<String, RowSet> principal(String principal, Optional<PrincipalWindow> window) {
        return PrincipalPivot.of(reading(), principal, window);
    }

    public RowSet ip(AddressRange addresses) {
        return IpPivot.of(reading(), addresses);
    }

    public Map<String, RowSet> stats() {
        return StoreStats.of(reading());
    }

    /**
     * A query the user wrote, on a read-only store.
     *
     * @throws StoreException when DuckDB fails or refuses the query (its reason says why), or the
     *                        store cannot be opened ({@link StoreException#storeBusy()}: another program holds it)
     */
    public RowSet sql(String query) throws StoreException {
        return readingOnly().sql().rows(query);
    }

    /**
     * Verifies evidence with this store: gaps are matched to its trail events, the store's
     * disputed events are told apart by the verified objects, and (unless the case is read-only)
     * the run is kept in it.
     */
    public VerifyRun verify(VerifyOptions verify) throws IOException, InterruptedException {
        EventStore es = readOnly ? reading() : writing();
        VerifyReport report = new Verify(verify, NearEvents.in(es)).run();
        List<DisputedCopy> disputed = VerifyStore.disputed(es, report);
        long id = readOnly ? 0 : VerifyStore.save(es, report, disputed,
                verify.inputs().stream().map(Path::toString).collect(Collectors.joining(" ")));
        return new VerifyRun(id, report, disputed);
    }

    /** The playbook for a leaked key, given what the rules found on this store. */
    public Investigation investigate(String key, List<Finding> findings, Instant asOf) {
        return Investigator.run(reading(), key, findings, asOf);
    }

    /** The store as it is open now, else read-only. */
    private EventStore reading() {
        if (store == null) {
            store = lake.isPresent() ? openLakeStore() : EventStore.openReadOnly(db, options);
        }
        return store;
    }

    private EventStore openLakeStore() {
        if (!lake.get().exists()) {
            throw new LakeException("no trailsift lake at " + db + " (run `trailsift ingest PATH... --lake " + db + "` first)");
        }
        return EventStore.openLake(lake.get().paths(), options);
    }

    /** The store opened read-only, whatever was open before. */
    private EventStore readingOnly() {
        if (store != null && !store.readOnly()) {
            closeStore();
        }
        return reading();
    }

    private EventStore writing() {
        if (readOnly) {
            throw new IllegalStateException("this case was opened read-only");
        }
        if (store != null && store.readOnly()) {
            closeStore();
        }
        if (store == null) {
            store = EventStore.open(db, options);
        }
        return store;
    }

    private void closeStore() {
        EventStore s = store;
        store = null;
        s.close();
    }

    @Override
    public void close() {
        if (store != null) {
            closeStore();
        }
    }
}

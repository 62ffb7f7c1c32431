package io.trailsift.lake;

import io.trailsift.Case;
import io.trailsift.ingest.IngestListener;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestProgress;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.StoreOptions;
import io.trailsift.testing.ChildRuns;
import io.trailsift.testing.Lakes;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of {@code ingest --lake}: a run killed with SIGKILL (in a child JVM) while its
 * parser threads commit, twice, then run again, leaves the lake a clean run makes: the same
 * events, none twice, every file named by a committed manifest, no temporary file.
 */
class LakeKillAndRerunTest {
    private static final int OBJECTS = 160;
    private static final int EVENTS = 250;
    private static final String CONTENT = "SELECT * EXCLUDE (object_id) FROM events";

    @TempDir
    Path tmp;
    private Path input;

    /** Child process entry: ingests into the lake with small commits, announcing them. */
    public static void main(String[] args) throws Exception {
        try (Case c = Case.openLake(Path.of(args[0]), StoreOptions.defaults())) {
            c.ingest(IngestOptions.defaults(List.of(Path.of(args[1]))).withBatchRows(Long.parseLong(args[2]))
                    .withParserThreads(2), new IngestListener() {
                        @Override
                        public void committed(IngestProgress p) {
                            System.out.println("committed " + p.eventsCommitted());
                            System.out.flush();
                        }
                    });
        }
    }

    @BeforeEach
    void corpus() throws Exception {
        input = tmp.resolve("in");
        for (int i = 0; i < OBJECTS; i++) {
            String name = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/o%03d.json.gz".formatted(i);
            // every object repeats 50 events of the one before it, like overlapping downloads
            List<String> records = new ArrayList<>(Records.events("k" + i, EVENTS - 50));
            if (i > 0) {
                records.addAll(Records.events("k" + (i - 1), 50));
            }
            Records.write(input.resolve(name), Records.gzip(Records.wrapper(records)));
        }
    }

    @Test
    void killedRunsAreCompletedExactlyByTheNextRun() throws Exception {
        Path clean = tmp.resolve("clean");
        Lakes.ingest(clean, o -> o, input);
        List<String> expected = Lakes.lakeRows(clean, CONTENT);
        assertEquals(OBJECTS * (EVENTS - 50), expected.size());

        Path lake = tmp.resolve("killed");
        for (int commitsBeforeKill : new int[] {1, 2}) {
            killAfterCommits(lake, commitsBeforeKill, 1000);
        }
        long committedObjects = Lakes.lakeRows(lake, "SELECT object_id FROM objects").size();
        assertTrue(committedObjects < OBJECTS, "the child must be killed mid-run for this test to mean anything: "
                + committedObjects + " objects committed");

        IngestSummary rerun = Lakes.ingest(lake, o -> o, input);
        assertEquals(committedObjects, rerun.alreadyIngested(), "objects the killed runs committed are not read again");
        assertEquals(expected, Lakes.lakeRows(lake, CONTENT));
        assertEquals(List.of(), Lakes.lakeRows(lake, "SELECT event_id FROM events GROUP BY 1 HAVING count(*) > 1"));
        assertEquals(List.of(String.valueOf(OBJECTS)), Lakes.lakeRows(lake, "SELECT count(*) FROM objects WHERE status = 'ok'"));
        assertEquals(List.of("0"), Lakes.lakeRows(lake, "SELECT count(*) FROM events WHERE object_id NOT IN (SELECT object_id FROM objects)"));
        assertNoOrphans(lake);
        assertEquals(List.of(), new LakeLayout(lake).unfinished());
    }

    /** Every file of the lake belongs to a committed manifest, none is temporary, and every commit has its call counts. */
    private static void assertNoOrphans(Path lake) throws Exception {
        LakeLayout layout = new LakeLayout(lake);
        Set<String> commits;
        try (Stream<Path> s = Files.list(layout.objects())) {
            commits = s.map(LakeManifest::commitOf).collect(Collectors.toSet());
        }
        for (Path dir : layout.commitDirs()) {
            for (Path f : LakeLayout.files(dir)) {
                assertTrue(!LakeLayout.isTemporary(f) && commits.contains(LakeManifest.commitOf(f)), "orphan file " + f);
            }
        }
        try (Stream<Path> s = Files.list(layout.callCounts())) {
            assertEquals(commits, s.map(LakeManifest::commitOf).collect(Collectors.toSet()));
        }
    }

    private void killAfterCommits(Path lake, int commits, int commitRows) throws Exception {
        ChildRuns.killAfter(tmp.resolve("child-tmp"), LakeKillAndRerunTest.class, List.of(lake.toString(), input.toString(), String.valueOf(commitRows)),
                "committed", commits, 0);
    }
}

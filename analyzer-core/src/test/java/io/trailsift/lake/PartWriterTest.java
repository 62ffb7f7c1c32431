package io.trailsift.lake;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.cloudtrail.CloudTrailReader;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.ObjectRecord;
import io.trailsift.testing.Lakes;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files a writer closes before its commit, to bound its memory: they are named for the commit,
 * renamed with it, and a partition written to again starts another file of the same commit.
 */
class PartWriterTest {
    @TempDir
    Path tmp;
    private long objectId;

    @Test
    void theFileWrittenToLongestAgoIsClosedWhenTooManyAreOpen() throws Exception {
        PartWriter writer = writer(Long.MAX_VALUE, 2);
        for (String day : List.of("01", "02", "03", "01")) {
            write(writer, day, 3);
        }
        writer.commit();

        // day 01 was written to longest ago when day 03 came: closed, and its next rows start a second file
        assertEquals(List.of("event_date=2026-05-01/part-w-0-2.parquet", "event_date=2026-05-01/part-w-0.parquet",
                "event_date=2026-05-02/part-w-0.parquet", "event_date=2026-05-03/part-w-0.parquet"), eventFiles());
        assertEquals(12, Lakes.lakeRows(tmp, "SELECT event_id FROM events").size());
    }

    @Test
    void theFileHoldingTheMostBytesIsClosedWhenTheOpenFilesHoldTooMany() throws Exception {
        // an object of 2,000 events holds hundreds of KB of pages, one event far below 64 KB
        PartWriter writer = writer(64 << 10, 100);
        write(writer, "01", 2000);
        write(writer, "02", 1);
        write(writer, "01", 2000);
        write(writer, "02", 1);
        writer.commit();

        assertEquals(List.of("event_date=2026-05-01/part-w-0-2.parquet", "event_date=2026-05-01/part-w-0.parquet",
                "event_date=2026-05-02/part-w-0.parquet"), eventFiles());
        assertEquals(4002, Lakes.lakeRows(tmp, "SELECT event_id FROM events").size());
    }

    @Test
    void everyCommitsCallCountsAddUpToItsEventsWhenFewGroupsFillThem() throws Exception {
        assertCallCountsAddUp(new CallCounts(2, Integer.MAX_VALUE));
    }

    @Test
    void everyCommitsCallCountsAddUpToItsEventsWhenTheirValuesFillThem() throws Exception {
        // every group's values pass the bound: each row goes into the file as soon as it is counted
        assertCallCountsAddUp(new CallCounts(CallCounts.MAX_GROUPS, 1));
    }

    /** Three calls on three days, two objects per commit, counted with these bounds. */
    private void assertCallCountsAddUp(CallCounts calls) throws Exception {
        PartWriter writer = writer(Long.MAX_VALUE, 100, 40, calls);
        for (String day : List.of("01", "02", "03")) {
            for (String call : List.of("ListUsers", "GetUser", "ListRoles")) {
                write(writer, day, call, 20);
            }
        }
        writer.commit();

        String reads = DerivedTables.SUMMARY_READS.stream().map(EventColumn::sqlName).collect(Collectors.joining(", "));
        List<String> counted = Lakes.lakeRows(tmp, "SELECT " + reads + ", sum(events), min(first_seen)::TIMESTAMP, "
                + "max(last_seen)::TIMESTAMP FROM read_parquet('" + tmp.resolve("call_counts/*.parquet") + "') GROUP BY ALL");
        assertEquals(Lakes.lakeRows(tmp, "SELECT " + reads + ", count(*), min(event_time), max(event_time) FROM events GROUP BY ALL"),
                counted);
        assertEquals(3, counted.size(), "one group per call, from the first day to the last");
        // each of the five commits has its counts beside its manifest
        try (Stream<Path> manifests = Files.list(tmp.resolve("objects")); Stream<Path> counts = Files.list(tmp.resolve("call_counts"))) {
            List<Path> commits = manifests.map(Path::getFileName).sorted().toList();
            assertEquals(5, commits.size());
            assertEquals(commits, counts.map(Path::getFileName).sorted().toList());
        }
        assertTrue(Integer.parseInt(Lakes.lakeRows(tmp, "SELECT count(*) FROM read_parquet('" + tmp.resolve("call_counts/*.parquet")
                + "')").get(0)) > counted.size(), "a group written out before its commit ended has several rows");
    }

    @Test
    void aFileOfASecondCommitInAPartitionIsNamedForThatCommit() {
        assertEquals("w-3", LakeLayout.commitOf("part-w-3-2.parquet"));
        assertEquals("w-3", LakeLayout.commitOf("part-w-3.parquet"));
        assertEquals("w-3", LakeLayout.commitOf("w-3.bin"));
        assertEquals("part-w-3.parquet", LakeLayout.eventFileName("w-3", 1));
        assertEquals("part-w-3-2.parquet", LakeLayout.eventFileName("w-3", 2));
    }

    private PartWriter writer(long maxOpenBytes, int maxOpenFiles) throws IOException {
        return writer(maxOpenBytes, maxOpenFiles, Long.MAX_VALUE, new CallCounts());
    }

    private PartWriter writer(long maxOpenBytes, int maxOpenFiles, long commitRows, CallCounts calls) throws IOException {
        LakeLayout layout = new LakeLayout(tmp);
        return new PartWriter(layout, new Fingerprints(layout.dedupeSpill()), FingerprintKey.of(layout, false), "w",
                commitRows, maxOpenBytes, maxOpenFiles, calls);
    }

    /** An object of {@code events} calls of account 123456789012 on 2026-05-{@code day}. */
    private void write(PartWriter writer, String day, int events) throws IOException {
        write(writer, day, "ListUsers", events);
    }

    /** An object of {@code events} calls to {@code call}, a second apart from 10:00. */
    private void write(PartWriter writer, String day, String call, int events) throws IOException {
        long id = ++objectId;
        List<String> records = IntStream.range(0, events)
                .mapToObj(i -> Records.event("o" + id + "-" + i, "2026-05-" + day + "T10:%02d:%02dZ".formatted(i / 60, i % 60), call)).toList();
        List<RowBlock> blocks = new ArrayList<>();
        new CloudTrailReader(EventFilter.ALL).read(new ByteArrayInputStream(
                Records.wrapper(records).getBytes(StandardCharsets.UTF_8)), id, blocks::add);
        for (RowBlock b : blocks) {
            writer.put(b);
        }
        writer.objectDone(new ObjectRecord(id, "o" + id + ".json", 1, "sha" + id, "cloudtrail", events,
                ObjectRecord.Status.OK, Optional.empty(), ""));
    }

    private List<String> eventFiles() throws IOException {
        Path account = tmp.resolve("events/account_id=123456789012");
        try (Stream<Path> files = Files.walk(account)) {
            List<String> all = files.filter(Files::isRegularFile).map(f -> account.relativize(f).toString()).sorted().toList();
            assertTrue(all.stream().noneMatch(f -> LakeLayout.isTemporaryName(Path.of(f).getFileName().toString())), all.toString());
            return all;
        }
    }
}

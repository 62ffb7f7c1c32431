package io.trailsift.lake;

import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.cloudtrail.CloudTrailReader;
import io.trailsift.store.ObjectRecord;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LakeLoadTest {
    @TempDir
    Path tmp;

    /**
     * A write that failed ends the run even when nothing ends the load: the walker that would may
     * be gone too (a heap run out in both), and the run once waited for it forever.
     */
    @Test
    void aFailedWriteEndsTheRunWithoutTheWalker() throws Exception {
        try (LakeLoad load = LakeLoad.open(tmp, lake -> List.of(), 1000)) {
            Files.writeString(tmp.resolve("events"), "a file where the events folder goes: every write fails");
            RowBlock block = block();
            assertThrows(LakeException.class, () -> load.put(block));

            LakeException failed = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(LakeException.class, () -> load.write(rows -> { })));
            assertTrue(failed.getMessage().contains("failed"), failed.getMessage());
        }
    }

    /**
     * The committed fingerprints are read only when new rows come to be judged: a run with
     * nothing new to write never reads them (1.6 GB on a 100M-event lake), and a run with new
     * rows that cannot read them writes none.
     */
    @Test
    void theCommittedFingerprintsAreReadOnlyWhenNewRowsCome() throws Exception {
        try (LakeLoad first = LakeLoad.open(tmp, lake -> List.of(), 1000)) {
            first.put(block());
            first.objectDone(new ObjectRecord(1, "o1.json", 1, "sha1", "cloudtrail", 3, ObjectRecord.Status.OK,
                    Optional.empty(), ""));
            first.end();
            first.write(rows -> { });
        }
        List<Path> prints = LakeLayout.files(new LakeLayout(tmp).fingerprints());
        assertEquals(1, prints.size());
        byte[] pairs = Files.readAllBytes(prints.get(0));

        // the committed file is gone once the lake is open: any read of it fails
        try (LakeLoad nothingNew = LakeLoad.open(tmp, lake -> List.of(), 1000)) {
            Files.delete(prints.get(0));
            nothingNew.end();
            nothingNew.write(rows -> { });
        }
        Files.write(prints.get(0), pairs);
        try (LakeLoad more = LakeLoad.open(tmp, lake -> List.of(), 1000)) {
            Files.delete(prints.get(0));
            LakeException failed = assertThrows(LakeException.class, () -> more.put(block()));
            assertTrue(failed.getMessage().contains(prints.get(0).getFileName().toString()), failed.getMessage());
        }
    }

    private static RowBlock block() {
        List<RowBlock> blocks = new ArrayList<>();
        new CloudTrailReader(EventFilter.ALL).read(new ByteArrayInputStream(
                Records.wrapper(Records.events("e", 3)).getBytes(StandardCharsets.UTF_8)), 1, blocks::add);
        return blocks.get(0);
    }
}

package io.trailsift.lake;

import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.cloudtrail.CloudTrailReader;
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

    private static RowBlock block() {
        List<RowBlock> blocks = new ArrayList<>();
        new CloudTrailReader(EventFilter.ALL).read(new ByteArrayInputStream(
                Records.wrapper(Records.events("e", 3)).getBytes(StandardCharsets.UTF_8)), 1, blocks::add);
        return blocks.get(0);
    }
}

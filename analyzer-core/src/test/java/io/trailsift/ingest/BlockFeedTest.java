package io.trailsift.ingest;

import io.trailsift.parse.CloudTrailReader;
import io.trailsift.parse.RecordFilter;
import io.trailsift.parse.RowBlock;
import io.trailsift.store.EventColumn;
import io.trailsift.testing.Records;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockFeedTest {
    private static RowBlock block(long objectId, String prefix, int records) {
        List<RowBlock> out = new ArrayList<>();
        byte[] json = Records.wrapper(Records.events(prefix, records)).getBytes(StandardCharsets.UTF_8);
        new CloudTrailReader(RecordFilter.ALL).read(new ByteArrayInputStream(json), objectId, out::add);
        assertEquals(1, out.size());
        return out.get(0);
    }

    private static String eventId(RowBlock b, int row) {
        return new String(b.textColumn(EventColumn.EVENT_ID)[row], StandardCharsets.UTF_8);
    }

    @Test
    void blocksWaitingBehindAPartialOneAreMergedIntoOneChunkWithTheirObjectIds() throws Exception {
        BlockFeed feed = new BlockFeed(16, 1_000_000);
        feed.put(block(1, "a", 3));
        feed.objectDone("object 1");
        feed.put(block(2, "b", 2));
        feed.objectDone("object 2");
        feed.put(block(3, "c", 2047)); // does not fit behind the first five rows
        feed.end();

        feed.startBatch();
        RowBlock first = feed.next();
        assertEquals(5, first.size());
        assertEquals(List.of(1L, 1L, 1L, 2L, 2L), List.of(first.objectId(0), first.objectId(1), first.objectId(2),
                first.objectId(3), first.objectId(4)));
        assertEquals("a-2", eventId(first, 2));
        assertEquals("b-0", eventId(first, 3));
        assertEquals(1, feed.minObjectId());
        // both objects' rows are all in this chunk: both are complete
        assertEquals(List.of("object 1", "object 2"), feed.completed());

        RowBlock second = feed.next();
        assertEquals(2047, second.size());
        assertEquals(3, second.objectId(2046));
        assertNull(feed.next());
        assertTrue(feed.exhausted());
        assertEquals(2052, feed.rowsInBatch());
    }
}

package io.trailsift.store;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.cloudtrail.CloudTrailReader;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFeedTest {
    private static RowBlock block(long objectId, String prefix, int records) {
        List<RowBlock> out = new ArrayList<>();
        byte[] json = Records.wrapper(Records.events(prefix, records)).getBytes(StandardCharsets.UTF_8);
        new CloudTrailReader(EventFilter.ALL).read(new ByteArrayInputStream(json), objectId, out::add);
        assertEquals(1, out.size());
        return out.get(0);
    }

    private static ObjectRecord done(long objectId) {
        return new ObjectRecord(objectId, "object " + objectId, 1, "sha", "log", 1, ObjectRecord.Status.OK,
                Optional.empty(), "");
    }

    private static List<String> completed(EventFeed feed) {
        return feed.completed().stream().map(ObjectRecord::path).toList();
    }

    /** A feed holding one block per object, each followed by its manifest row "object N", then the end. */
    private static EventFeed feed(long batchRows, int... recordsPerObject) throws Exception {
        EventFeed feed = new EventFeed(16, batchRows);
        for (int i = 0; i < recordsPerObject.length; i++) {
            feed.put(block(i + 1, String.valueOf((char) ('a' + i)), recordsPerObject[i]));
            feed.objectDone(done(i + 1));
        }
        feed.end();
        return feed;
    }

    private static String eventId(RowBlock b, int row) {
        return new String(b.textColumn(EventColumn.EVENT_ID)[row], StandardCharsets.UTF_8);
    }

    @Test
    void blocksWaitingBehindAPartialOneAreMergedIntoOneChunkWithTheirObjectIds() throws Exception {
        // the third does not fit behind the first five rows
        EventFeed feed = feed(1_000_000, 3, 2, 2047);

        feed.startBatch(false);
        RowBlock first = feed.next();
        assertEquals(5, first.size());
        assertEquals(List.of(1L, 1L, 1L, 2L, 2L), List.of(first.objectId(0), first.objectId(1), first.objectId(2),
                first.objectId(3), first.objectId(4)));
        assertEquals("a-2", eventId(first, 2));
        assertEquals("b-0", eventId(first, 3));
        assertEquals(1, feed.minObjectId());
        // both objects' rows are all in this chunk: both are complete
        assertEquals(List.of("object 1", "object 2"), completed(feed));

        RowBlock second = feed.next();
        assertEquals(2047, second.size());
        assertEquals(3, second.objectId(2046));
        assertNull(feed.next());
        assertTrue(feed.exhausted());
        assertEquals(2052, feed.rowsInBatch());
    }

    @Test
    void mergingStopsWhereTheBatchReachesItsRowLimit() throws Exception {
        EventFeed feed = feed(5, 3, 2, 2);

        feed.startBatch(false);
        assertEquals(5, feed.next().size());
        assertNull(feed.next(), "the batch is full");
        // object 2's row was not passed: it goes with the next batch
        assertEquals(List.of("object 1"), completed(feed));

        feed.startBatch(false);
        assertEquals(2, feed.next().size());
        assertEquals(List.of("object 2", "object 3"), completed(feed));
    }

    @Test
    void aWatchedBatchSaysWhetherAnEventIdCameTwice() throws Exception {
        // objects a and b: distinct ids
        EventFeed distinct = feed(1_000_000, 3, 2);
        distinct.startBatch(true);
        while (distinct.next() != null) {
            // drain
        }
        assertFalse(distinct.batchMayRepeatIds());

        EventFeed repeating = new EventFeed(16, 1_000_000);
        repeating.put(block(1, "a", 3));
        repeating.put(block(2, "a", 2));
        repeating.end();
        repeating.startBatch(true);
        while (repeating.next() != null) {
            // drain
        }
        assertTrue(repeating.batchMayRepeatIds());

        EventFeed unwatched = feed(1_000_000, 3, 2);
        unwatched.startBatch(false);
        while (unwatched.next() != null) {
            // drain
        }
        assertTrue(unwatched.batchMayRepeatIds(), "a batch nobody watched may repeat anything");
    }
}

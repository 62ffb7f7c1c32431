package io.trailsift.format.cloudtrail;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.ObjectFormat;
import io.trailsift.format.ParseOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crafted record loses that record only (security review #15 and #16): the records after it in
 * the same object are read, whichever reader (byte scanner or streaming Jackson) takes the object.
 */
class DamageStaysLocalTest {
    private final List<RowBlock> blocks = new ArrayList<>();

    private static String record(String id, String extra) {
        return "{\"eventVersion\":\"1.08\",\"eventID\":\"" + id + "\",\"eventTime\":\"2026-05-22T10:00:00Z\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\"" + extra + "}";
    }

    private ParseOutcome read(String json) {
        blocks.clear();
        return new CloudTrailReader(EventFilter.ALL).read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 7, blocks::add);
    }

    private ParseOutcome stream(String json) {
        blocks.clear();
        return new CloudTrailReader(EventFilter.ALL).stream(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 7, blocks::add);
    }

    private List<String> ids() {
        return RowBlocks.ids(blocks);
    }

    private long time(int row) {
        return blocks.get(0).timeColumn(EventColumn.EVENT_TIME)[row];
    }

    @Test
    @DisplayName("review #15: an eventTime out of range keeps the record, without a time, and its neighbours")
    void outOfRangeTimeIsNoTime() {
        String bad = record("bad", "").replace("2026-05-22T10:00:00Z", "+294300-01-01T00:00:00Z");
        String json = "{\"Records\":[" + record("good-1", "") + "," + bad + "," + record("good-2", "") + "]}";
        for (ParseOutcome o : List.of(read(json), stream(json))) {
            assertEquals(3, o.recordsStored());
            assertTrue(o.damage().isEmpty());
            assertEquals(List.of("good-1", "bad", "good-2"), ids());
            assertEquals(RowBlock.NULL_TIME, time(1));
            assertTrue(time(2) > 0);
        }
    }

    @Test
    @DisplayName("review #16: nesting past the limit loses that record; the records after it are read")
    void deepNestingLosesOneRecord() {
        String deep = record("deep", ",\"requestParameters\":{\"x\":" + "[".repeat(2001) + "]".repeat(2001) + "}");
        String json = "{\"Records\":[" + record("a", "") + "," + deep + " ,\n " + record("c", "") + "]}";
        ParseOutcome o = read(json);
        assertEquals(ObjectFormat.RECORDS_WRAPPER, o.format());
        assertEquals(List.of("a", "c"), ids());
        assertEquals(2, o.recordsStored());
        assertEquals(1, o.damagedRecords());
        assertEquals(1, o.damage().orElseThrow().recordIndex());
        assertEquals(json.indexOf("{\"eventVersion\":\"1.08\",\"eventID\":\"deep\""), o.damage().orElseThrow().byteOffset());
        assertTrue(o.damage().orElseThrow().reason().contains("nesting depth"), o.damage().orElseThrow().reason());
    }

    @Test
    @DisplayName("review #16: a bad record in a bare array or a record stream loses that record only")
    void otherLayoutsGoOnToo() {
        String deep = record("deep", ",\"responseElements\":" + "{\"k\":".repeat(2100) + "1" + "}".repeat(2100));
        ParseOutcome array = read("[" + record("a", "") + "," + deep + "," + record("c", "") + "]");
        assertEquals(ObjectFormat.RECORD_ARRAY, array.format());
        assertEquals(List.of("a", "c"), ids());
        ParseOutcome lines = read(record("a", "") + "\n" + deep + "\n" + record("c", "") + "\n" + record("d", ""));
        assertEquals(ObjectFormat.RECORD_STREAM, lines.format());
        assertEquals(List.of("a", "c", "d"), ids());
        assertEquals(1, lines.damagedRecords());
    }

    @Test
    @DisplayName("review #16: a member name past Jackson's length limit loses that record only")
    void overlongNameLosesOneRecord() {
        String name = "n".repeat(60_000);
        String json = "{\"Records\":[" + record("a", ",\"requestParameters\":{\"" + name + "\":\"v\\\"}\"}") + ","
                + record("b", "") + "]}";
        ParseOutcome o = stream(json);
        assertEquals(List.of("b"), ids());
        assertEquals(0, o.damage().orElseThrow().recordIndex());
        assertTrue(o.damage().orElseThrow().reason().startsWith("Name length"), o.damage().orElseThrow().reason());
    }

    @Test
    @DisplayName("review #16: a string over the record limit loses that record only, and memory stays bounded")
    void overlongStringLosesOneRecord() {
        String huge = "x".repeat(CloudTrailReader.DEFAULT_MAX_RECORD_BYTES + 1024) + "\\\"}]";
        String json = "{\"Records\":[" + record("a", "") + "," + record("long", ",\"userAgent\":\"" + huge + "\"")
                + "," + record("c", "") + "]}";
        ParseOutcome o = read(json);
        assertEquals(List.of("a", "c"), ids(), o.toString());
        assertEquals(1, o.damagedRecords());
        assertEquals(1, o.damage().orElseThrow().recordIndex());
    }

    @Test
    @DisplayName("a cut record at the end of its object is reported and the object ends cleanly")
    void cutLastRecord() {
        String deep = record("deep", ",\"requestParameters\":" + "[".repeat(2001) + "]".repeat(2001));
        ParseOutcome o = read("{\"Records\":[" + record("a", "") + "," + deep + "]}");
        assertEquals(List.of("a"), ids());
        assertEquals(1, o.damagedRecords());
        ParseOutcome truncated = read("{\"Records\":[" + record("a", "") + "," + deep.substring(0, deep.length() - 900));
        assertEquals(List.of("a"), ids());
        assertTrue(truncated.damage().isPresent());
    }
}

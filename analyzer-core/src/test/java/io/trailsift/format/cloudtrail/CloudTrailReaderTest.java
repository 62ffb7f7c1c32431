package io.trailsift.format.cloudtrail;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.EventTimes;
import io.trailsift.event.RowBlock;
import io.trailsift.format.ObjectFormat;
import io.trailsift.format.ParseOutcome;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudTrailReaderTest {
    private final List<RowBlock> blocks = new ArrayList<>();

    private ParseOutcome read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8), EventFilter.ALL);
    }

    private ParseOutcome read(byte[] bytes, EventFilter filter) {
        blocks.clear();
        return new CloudTrailReader(filter, 1 << 20).read(new ByteArrayInputStream(bytes), 7, blocks::add);
    }

    private String text(int row, EventColumn c) {
        int b = row / RowBlock.CAPACITY;
        byte[] v = blocks.get(b).textColumn(c)[row % RowBlock.CAPACITY];
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    private List<String> ids() {
        return RowBlocks.ids(blocks);
    }

    @Test
    void nestedObjectsKeepTheirOriginalBytesAndPivotFieldsAreExtracted() {
        String requestParameters = "{ \"roleArn\" : \"arn:aws:iam::210987654321:role/ops\",\n  \"roleSessionName\":\"s\\u00e9\\\"x\", \"nested\":{\"a\":[1,2,{\"b\":null}]}}";
        String response = "{\"credentials\":{\"accessKeyId\":\"ASIAISSUED0000000001\",\"expiration\":\"Nov 30, 2024, 8:43:17 PM\"},\"assumedRoleUser\":{\"arn\":\"x\"}}";
        String record = """
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA:s","arn":"arn:aws:sts::123456789012:assumed-role/ci/s",
                 "accountId":"123456789012","accessKeyId":"ASIACALLER0000000001","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::123456789012:role/ci"},
                 "attributes":{"creationDate":"2026-05-21T10:00:00Z","mfaAuthenticated":"true"},"sourceIdentity":"alice"}},
                 "eventTime":"2026-05-21T12:11:58Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1",
                 "requestParameters":%s,"responseElements":%s,"eventID":"e1","readOnly":true,"sessionCredentialFromConsole":"true",
                 "addendum":{"reason":"DELIVERY_DELAY"},"vpcEndpointAccountId":"123"}""".formatted(requestParameters, response);
        ParseOutcome o = read(Records.wrapper(List.of(record)));
        assertEquals(ObjectFormat.RECORDS_WRAPPER, o.format());
        assertEquals(1, o.recordsStored());
        assertEquals(requestParameters, text(0, EventColumn.REQUEST_PARAMETERS));
        assertEquals(response, text(0, EventColumn.RESPONSE_ELEMENTS));
        assertEquals("arn:aws:iam::210987654321:role/ops", text(0, EventColumn.ROLE_ARN));
        assertEquals("ASIAISSUED0000000001", text(0, EventColumn.ISSUED_ACCESS_KEY_ID));
        assertEquals("ASIACALLER0000000001", text(0, EventColumn.ACCESS_KEY_ID));
        assertEquals("arn:aws:iam::123456789012:role/ci", text(0, EventColumn.SESSION_ISSUER_ARN));
        assertEquals("alice", text(0, EventColumn.SOURCE_IDENTITY));
        assertEquals("{\"addendum\":{\"reason\":\"DELIVERY_DELAY\"},\"vpcEndpointAccountId\":\"123\"}", text(0, EventColumn.OTHER_FIELDS));
        RowBlock b = blocks.get(0);
        assertEquals(1, b.boolColumn(EventColumn.MFA_AUTHENTICATED)[0]);
        assertEquals(1, b.boolColumn(EventColumn.CONSOLE_SESSION)[0]);
        assertEquals(1, b.boolColumn(EventColumn.READ_ONLY)[0]);
        assertEquals(RowBlock.NULL_BOOL, b.boolColumn(EventColumn.MANAGEMENT_EVENT)[0]);
        assertEquals(EventTimes.parseMicros("2026-05-21T12:11:58Z").getAsLong(), b.timeColumn(EventColumn.EVENT_TIME)[0]);
        assertEquals(EventTimes.parseMicros("2026-05-21T10:00:00Z").getAsLong(), b.timeColumn(EventColumn.SESSION_CREATED_AT)[0]);
        assertEquals(7, b.objectId(0));
    }

    @Test
    void escapedAndNonAsciiValuesAreDecoded() {
        String r = Records.event("x", "2026-05-21T00:00:00Z", "GetUser")
                .replace("\"aws-cli/2.15.0\"", "\"Mozilla/5.0 \\\"quoted\\\" \\u00e9t\u00e9 \\/ \u65e5\u672c\"")
                .replace("\"target-user\"", "\"bj\u00f6rk\"");
        read(Records.wrapper(List.of(r)));
        assertEquals("Mozilla/5.0 \"quoted\" été / 日本", text(0, EventColumn.USER_AGENT));
        assertEquals("björk", text(0, EventColumn.TARGET_USER_NAME));
        assertEquals("GetUser", text(0, EventColumn.EVENT_NAME));
    }

    @Test
    void readsBareArraysNdjsonConcatenatedWrappersAndLookupEvents() {
        List<String> two = Records.events("a", 2);
        assertEquals(ObjectFormat.RECORD_ARRAY, read("[" + String.join(",", two) + "]").format());
        assertEquals(List.of("a-0", "a-1"), ids());

        assertEquals(ObjectFormat.RECORD_STREAM, read(String.join("\n", two) + "\n").format());
        assertEquals(List.of("a-0", "a-1"), ids());

        ParseOutcome firehose = read(Records.wrapper(two.subList(0, 1)) + Records.wrapper(two.subList(1, 2)));
        assertEquals(ObjectFormat.RECORDS_WRAPPER, firehose.format());
        assertEquals(List.of("a-0", "a-1"), ids());

        String lookup = "{\"Events\":[" + String.join(",", two.stream()
                .map(r -> "{\"EventId\":\"x\",\"EventTime\":1716293518,\"CloudTrailEvent\":" + quote(r) + "}").toList())
                + "],\"NextToken\":\"abc\"}";
        ParseOutcome l = read(lookup);
        assertEquals(ObjectFormat.LOOKUP_EVENTS, l.format());
        assertEquals(List.of("a-0", "a-1"), ids());
        assertEquals("{\"userName\":\"target-user\"}", text(0, EventColumn.REQUEST_PARAMETERS));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void eventVersion10RecordsWithoutEventIdGetAStableSyntheticId() {
        String old = "{\"eventVersion\":\"1.0\",\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"StartInstances\"}";
        read(Records.wrapper(List.of(old)));
        String first = ids().get(0);
        read("[" + old + "]");
        assertEquals(first, ids().get(0));
        assertTrue(first.startsWith("sha256:"), first);
    }

    @Test
    void logstashExportsWithoutEventTimeUseTimestamp() {
        String r = "{\"@timestamp\":\"2020-09-14T00:44:23.000Z\",\"eventID\":\"x\",\"eventName\":\"ListBuckets\",\"eventSource\":\"s3.amazonaws.com\"}";
        read(r + "\n");
        assertEquals(EventTimes.parseMicros("2020-09-14T00:44:23Z").getAsLong(), blocks.get(0).timeColumn(EventColumn.EVENT_TIME)[0]);
    }

    @Test
    void digestsAndForeignJsonAreNotStored() {
        assertEquals(ObjectFormat.NOT_CLOUDTRAIL, read("{\"awsAccountId\":\"1\",\"digestStartTime\":\"x\",\"logFiles\":[]}").format());
        assertEquals(ObjectFormat.NOT_CLOUDTRAIL, read("{\"name\":\"manifest\",\"files\":[1,2]}").format());
        assertEquals(ObjectFormat.NOT_CLOUDTRAIL, read("[1,2,3]").format());
        assertEquals(ObjectFormat.NOT_CLOUDTRAIL, read("[{\"a\":1}]").format());
        assertTrue(blocks.isEmpty());
    }

    @Test
    void truncationKeepsEveryCompleteRecordBeforeIt() {
        String full = Records.wrapper(Records.events("t", 5));
        String cut = full.substring(0, full.indexOf("t-3") + 10);
        ParseOutcome o = read(cut);
        assertEquals(3, o.recordsStored());
        assertEquals(List.of("t-0", "t-1", "t-2"), ids());
        assertTrue(o.damaged());
        assertEquals(3, o.damage().orElseThrow().recordIndex());
        assertTrue(o.damage().orElseThrow().byteOffset() > 0);
    }

    @Test
    void aRecordThatIsNotAnObjectIsSkippedAndReported() {
        List<String> r = new ArrayList<>(Records.events("n", 3));
        r.add(1, "42");
        ParseOutcome o = read(Records.wrapper(r));
        assertEquals(List.of("n-0", "n-1", "n-2"), ids());
        assertEquals(1, o.damagedRecords());
        assertTrue(o.damage().orElseThrow().reason().contains("not an object"), o.damage().toString());
    }

    /** Overwrites the bytes of {@code marker} in the record after {@code afterId} with {@code bad}. */
    private static byte[] corrupt(List<String> records, String marker, String afterId, byte... bad) {
        byte[] bytes = Records.wrapper(records).getBytes(StandardCharsets.UTF_8);
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(marker, s.indexOf("\"eventID\":\"" + afterId + "\""));
        System.arraycopy(bad, 0, bytes, at, bad.length);
        return bytes;
    }

    @Test
    void invalidUtf8EndsTheObjectKeepingEverythingBeforeIt() {
        // Jackson checks UTF-8 in every string, skipped or not (overlong forms and surrogates
        // included), and cannot resume after the error.
        ParseOutcome o = read(corrupt(Records.events("v", 3), "target-user", "v-0", (byte) 0xC3), EventFilter.ALL);
        assertEquals(List.of("v-0"), ids());
        assertTrue(o.damage().orElseThrow().reason().contains("UTF-8"), o.damage().toString());
        assertEquals(1, o.damage().orElseThrow().recordIndex());
        assertTrue(o.damage().orElseThrow().byteOffset() > 0);
    }

    @Test
    void aRecordLargerThanTheCapIsReportedAndTheNextOnesStillRead() {
        String big = Records.event("big", "2026-05-21T00:00:00Z", "PutBucketPolicy")
                .replace("\"target-user\"", "\"" + "x".repeat(3 << 20) + "\"");
        List<String> r = new ArrayList<>(Records.events("s", 2));
        r.add(1, big);
        ParseOutcome o = read(Records.wrapper(r));
        assertEquals(List.of("s-0", "s-1"), ids());
        assertTrue(o.damage().orElseThrow().reason().contains("larger than"), o.damage().toString());
    }

    @Test
    void filterDropsRecordsOutsideTheWindowAccountsAndRegions() {
        long since = EventTimes.parseMicros("2026-05-21T00:00:02Z").getAsLong();
        EventFilter f = new EventFilter(since, Long.MAX_VALUE, Set.of("123456789012"), Set.of("us-east-1"));
        ParseOutcome o = read(Records.wrapper(Records.events("f", 5)).getBytes(StandardCharsets.UTF_8), f);
        assertEquals(List.of("f-2", "f-3", "f-4"), ids());
        assertEquals(2, o.recordsFiltered());
        EventFilter other = new EventFilter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of("999999999999"), Set.of());
        assertEquals(0, read(Records.wrapper(Records.events("f", 5)).getBytes(StandardCharsets.UTF_8), other).recordsStored());
    }

    @Test
    void blocksSplitAtCapacity() {
        ParseOutcome o = read(Records.wrapper(Records.events("c", RowBlock.CAPACITY + 3)));
        assertEquals(RowBlock.CAPACITY + 3, o.recordsStored());
        assertEquals(2, blocks.size());
        assertEquals(RowBlock.CAPACITY, blocks.get(0).size());
        assertEquals(3, blocks.get(1).size());
        assertEquals("c-2048", text(RowBlock.CAPACITY, EventColumn.EVENT_ID));
        assertNull(blocks.get(1).textColumn(EventColumn.EVENT_ID)[3]);
        assertFalse(o.damaged());
    }
}

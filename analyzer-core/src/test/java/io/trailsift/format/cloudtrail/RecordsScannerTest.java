package io.trailsift.format.cloudtrail;

import io.trailsift.event.EventColumn;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.ParseOutcome;
import io.trailsift.testing.SharedData;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte scanner must give exactly what the Jackson reader gives, or give up: every object
 * here is read both ways ({@link CloudTrailReader#read}, which tries the scanner first, and
 * {@link CloudTrailReader#stream}, Jackson only) and the outcomes and every column of every row
 * compared.
 */
class RecordsScannerTest {
    private static final int MAX_RECORD = 1 << 20;

    /** Outcome and rows, rendered comparable. */
    private record Read(String outcome, List<String> rows) {
    }

    private static Read both(byte[] object, EventFilter filter, boolean expectScanned) {
        Read jackson = collect(object, filter, true);
        Read scanned = collect(object, filter, false);
        assertEquals(jackson, scanned);
        boolean tookFastPath = new RecordsScanner(filter, MAX_RECORD).read(object, object.length, 1, b -> { }).isPresent();
        assertEquals(expectScanned, tookFastPath, "fast path taken");
        return scanned;
    }

    private static Read collect(byte[] object, EventFilter filter, boolean jacksonOnly) {
        List<RowBlock> blocks = new ArrayList<>();
        CloudTrailReader reader = new CloudTrailReader(filter, MAX_RECORD);
        InputStream in = new ByteArrayInputStream(object);
        ParseOutcome o = jacksonOnly ? reader.stream(in, 1, blocks::add) : reader.read(in, 1, blocks::add);
        List<String> rows = new ArrayList<>();
        for (RowBlock b : blocks) {
            for (int r = 0; r < b.size(); r++) {
                StringBuilder row = new StringBuilder();
                for (EventColumn c : EventColumn.all()) {
                    row.append(c.sqlName()).append('=').append(switch (c.type()) {
                        case TEXT, JSON -> {
                            byte[] v = b.textColumn(c)[r];
                            yield v == null ? "null" : new String(v, StandardCharsets.UTF_8);
                        }
                        case TIMESTAMP -> String.valueOf(b.timeColumn(c)[r]);
                        case BOOLEAN -> String.valueOf(b.boolColumn(c)[r]);
                        case OBJECT_REF -> String.valueOf(b.objectId(r));
                    }).append('\n');
                }
                rows.add(row.toString());
            }
        }
        return new Read(o.toString(), rows);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Records with every kind of value in every kind of field. */
    private static List<String> awkwardRecords() {
        String base = Records.event("e-1", "2026-05-21T00:00:01Z", "AssumeRole");
        return List.of(
                base,
                // escapes and non-ASCII in text fields, a surrogate pair, numbers and booleans as text
                base.replace("\"aws-cli/2.15.0\"", "\"Mozilla \\\"q\\\" \\u00e9t\u00e9 \\/ \\ud83d\\ude00 \u65e5\\n\\t\"")
                        .replace("\"recipientAccountId\":\"123456789012\"", "\"recipientAccountId\":123456789012")
                        .replace("\"readOnly\":false", "\"readOnly\":\"TRUE\"")
                        .replace("\"managementEvent\":true", "\"managementEvent\":1")
                        .replace("\"eventID\":\"e-1\"", "\"eventID\":\"e-2\""),
                // nested values of every shape, unknown fields of every type, whitespace everywhere
                "{ \"eventID\" : \"e-3\" ,\n\t\"eventTime\":\"2026-05-21T00:00:03.250+02:00\", \"eventName\":\"CreateAccessKey\","
                        + "\"userIdentity\":{\"type\":\"IAMUser\",\"sessionContext\":{\"attributes\":{\"mfaAuthenticated\":true,"
                        + "\"creationDate\":\"2026-05-20T23:00:00Z\"},\"sessionIssuer\":[1,2]},\"accessKeyId\":\"AKIA\\u0041\"},"
                        + "\"requestParameters\":[{\"userName\":\"x\"}],\"responseElements\":{\"accessKey\":{\"accessKeyId\":"
                        + "\"AKIANEW\",\"status\":\"Active\"},\"credentials\":null},\"resources\":[],\"tlsDetails\":null,"
                        + "\"apiVersion\":\"2015-03-31\",\"addendum\":{\"a\":[true,false,null,-0.5e-3,1E+2]},\"n\":-0,"
                        + "\"@timestamp\":\"2026-05-21T00:00:09Z\",\"flag\":false,\"nil\":null,\"esc\":\"a\\\\b\\\"c\"}",
                // no eventID (synthetic id from the bytes), no eventTime but @timestamp, text field as object
                "{\"eventName\":\"GetUser\",\"@timestamp\":\"2026-05-21T00:00:04Z\",\"eventSource\":{\"x\":1},"
                        + "\"userAgent\":null,\"errorCode\":\"AccessDenied\",\"errorMessage\":\"\"}",
                // a duplicate field: the later value wins in both readers
                base.replace("\"eventID\":\"e-1\"", "\"eventID\":\"e-5\",\"eventName\":\"First\""));
    }

    @Test
    void awkwardButValidRecordsReadTheSameBothWays() {
        Read r = both(bytes(Records.wrapper(awkwardRecords())), EventFilter.ALL, true);
        assertEquals(5, r.rows().size());
        assertTrue(r.rows().get(1).contains("user_agent=Mozilla \"q\" été / \uD83D\uDE00 日\n\t\n"), r.rows().get(1));
        assertTrue(r.rows().get(2).contains("other_fields={\"apiVersion\":\"2015-03-31\",\"addendum\":"), r.rows().get(2));
    }

    @Test
    void filtersApplyTheSameBothWays() {
        // one record has no account at all: it is outside the list, not an error
        EventFilter narrow = new EventFilter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of("210987654321"), Set.of());
        assertEquals(0, both(bytes(Records.wrapper(awkwardRecords())), narrow, true).rows().size());
    }

    @Test
    void manyRecordsFillSeveralBlocks() {
        Read r = both(bytes(Records.wrapper(Records.events("m", 5000))), EventFilter.ALL, true);
        assertEquals(5000, r.rows().size());
    }

    @Test
    void whatTheScannerDoesNotHandleGoesToJackson() {
        List<String> others = List.of(
                "[" + Records.event("a", "2026-05-21T00:00:00Z", "GetUser") + "]",      // another layout
                "{\"Records\":[" + Records.event("a", "2026-05-21T00:00:00Z", "GetUser") + "],\"x\":1}",
                "{\"Records\":[{\"foo\":1}]}",                                          // not a record
                "{\"Records\":[{\"eventID\":\"a\",\"requestParameters\":\"text\"}]}",   // scalar where an object belongs
                "{\"Records\":[{\"event\\u0049D\":\"a\"}]}",                            // escaped name
                "{\"Records\":[{\"eventID\":\"\\ud800\"}]}",                            // lone surrogate
                "\uFEFF{\"Records\":[]}",                                               // byte order mark
                "{\"Records\":[{\"eventID\":\"a\"}]} x");                              // trailing garbage
        for (String o : others) {
            both(bytes(o), EventFilter.ALL, false);
        }
    }

    /**
     * Damage of every kind, at every position: the scanner must never accept what Jackson
     * rejects. Truncations, and bytes replaced by structural characters, escapes, control
     * characters and invalid UTF-8 (overlong, surrogate, stray continuation, too high).
     */
    @Test
    void damagedObjectsReadTheSameBothWays() {
        byte[] valid = bytes(Records.wrapper(awkwardRecords()));
        byte[][] replacements = {{'"'}, {'\\'}, {'{'}, {']'}, {','}, {':'}, {0}, {0x1f}, {'9'}, {'-'}, {'e'},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}};
        Random random = new Random(42);
        for (int cut = 0; cut < valid.length; cut += 7) {
            byte[] truncated = java.util.Arrays.copyOf(valid, cut);
            assertEquals(collect(truncated, EventFilter.ALL, true), collect(truncated, EventFilter.ALL, false));
        }
        for (int k = 0; k < 3000; k++) {
            int at = random.nextInt(valid.length);
            byte[] with = replacements[random.nextInt(replacements.length)];
            byte[] damaged = new byte[valid.length - 1 + with.length];
            System.arraycopy(valid, 0, damaged, 0, at);
            System.arraycopy(with, 0, damaged, at, with.length);
            System.arraycopy(valid, at + 1, damaged, at + with.length, valid.length - at - 1);
            assertEquals(collect(damaged, EventFilter.ALL, true), collect(damaged, EventFilter.ALL, false),
                    "replaced byte " + at + " with " + java.util.Arrays.toString(with));
        }
    }

    /**
     * The scanner skips plain string content eight bytes at a time: whatever needs a look (a
     * quote, an escape, a control character, a non-ASCII byte, valid or not) is found at every
     * position within a word, and DEL, which JSON allows raw, is not.
     */
    @Test
    void everyPositionInAWordIsCheckedTheSameBothWays() {
        String base = Records.event("w-1", "2026-05-21T00:00:01Z", "GetUser");
        List<String> specials = List.of("\"", "\\n", "\\u00e9", "\u0001", "\u007f", "\u00e9", "\uD83D\uDE00", "~ ");
        for (String special : specials) {
            for (int at = 0; at <= 17; at++) {
                String agent = "x".repeat(at) + special + "y".repeat(at % 5);
                byte[] object = bytes(Records.wrapper(List.of(base.replace("\"aws-cli/2.15.0\"", "\"" + agent + "\""))));
                assertEquals(collect(object, EventFilter.ALL, true), collect(object, EventFilter.ALL, false),
                        "special " + special + " at " + at);
            }
        }
        byte[] stray = bytes(Records.wrapper(List.of(base.replace("aws-cli/2.15.0", "aws-cli/2.15.0 continued"))));
        for (int at = 0; at < 30; at++) {
            byte[] damaged = stray.clone();
            int agent = new String(stray, StandardCharsets.UTF_8).indexOf("aws-cli");
            damaged[agent + at % 22] = (byte) (at < 22 ? 0x80 : 0xC3);
            assertEquals(collect(damaged, EventFilter.ALL, true), collect(damaged, EventFilter.ALL, false), "byte " + at);
        }
    }

    @Test
    void theSampleExportReadsTheSameBothWays() throws IOException {
        assertObjectsReadTheSame(Path.of("").toAbsolutePath().getParent().resolve("sample-logs"));
    }

    @Test
    void theSharedRealDatasetsReadTheSameBothWays() throws IOException {
        assertObjectsReadTheSame(SharedData.dataset("."));
    }

    /** The sample has a truncated object on purpose: its readable part is compared too. */
    private static byte[] gunzipWhatCanBe(byte[] raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            in.transferTo(out);
        } catch (IOException truncated) {
            // keep what came out before the damage
        }
        return out.toByteArray();
    }

    private static void assertObjectsReadTheSame(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")
                    || f.toString().endsWith(".json.gz")).sorted().toList();
        }
        assertTrue(files.size() > 5, "objects under " + root);
        int scanned = 0;
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            byte[] object = f.toString().endsWith(".gz") ? gunzipWhatCanBe(raw) : raw;
            assertEquals(collect(object, EventFilter.ALL, true), collect(object, EventFilter.ALL, false), f.toString());
            if (new RecordsScanner(EventFilter.ALL, MAX_RECORD).read(object, object.length, 1, b -> { }).isPresent()) {
                scanned++;
            }
        }
        assertTrue(scanned > 0, "no object of " + root + " took the fast path");
    }
}

package io.trailsift.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void compactJsonIsTakenAsItIs() {
        byte[] compact = utf8("{\"userName\":\"alice\",\"tags\":[\"a\",\"b\"],\"nested\":{\"k\":\"v\u00e9\u4e2d\"}}");
        assertSame(compact, Fingerprints.minified(compact));
    }

    @Test
    void whitespaceOutsideStringsGoesAndInsideStaysWhereverItFallsInAWord() {
        // the whitespace sits at every offset of an eight-byte word across these cases
        for (int pad = 0; pad < 9; pad++) {
            String key = "k".repeat(pad);
            assertArrayEquals(utf8("{\"" + key + "\":\"a b\\\" c\",\"x\":[1,2]}"),
                    Fingerprints.minified(utf8("{ \"" + key + "\" :\t\"a b\\\" c\" ,\r\n\"x\": [1, 2]}")));
        }
    }

    @Test
    void aStringWithSpacesOnlyIsUnchanged() {
        byte[] spaced = utf8("{\"errorMessage\":\"User: arn:aws:iam::1:user/x is not authorized\"}");
        assertArrayEquals(spaced, Fingerprints.minified(spaced));
    }

    @Test
    void multiByteCharactersAreNotMistakenForWhitespace() {
        // UTF-8 continuation bytes are 0x80 and above: signed, they are negative, not below 0x21
        byte[] text = utf8("{\"name\":\"\u00a0\u2003\u3000\u00ff\u0100\"}");
        assertSame(text, Fingerprints.minified(text));
    }

    /** The smallest table: it spills every 49,152 new ids. */
    private static final int SMALL_TABLE = 1 << 16;

    @Test
    void verdictsAcrossManySpillsAreThoseOfAMapOfEverythingSeen(@TempDir Path lake) throws IOException {
        Path spill = lake.resolve(".dedupe");
        SplittableRandom random = new SplittableRandom(18);
        Map<Long, Set<Long>> seen = new HashMap<>();
        Map<Long, Integer> newIdsBefore = new HashMap<>();
        int newIds = 0;
        int spilledCopies = 0;
        try (Fingerprints prints = new Fingerprints(spill, SMALL_TABLE)) {
            Fingerprints.Verdict[] out = new Fingerprints.Verdict[1];
            for (int i = 0; i < 400_000; i++) {
                // a pool of 300,000 ids: most come once, many again, some with other content
                long id = 1 + random.nextInt(300_000) * 0x9E3779B97F4A7C15L;
                long content = random.nextInt(10) == 0 ? random.nextLong() : id * 31;
                Set<Long> contents = seen.computeIfAbsent(id, k -> new LinkedHashSet<>());
                Fingerprints.Verdict expected = contents.isEmpty() ? Fingerprints.Verdict.NEW
                        : contents.contains(content) ? Fingerprints.Verdict.SAME : Fingerprints.Verdict.DISPUTED;
                contents.add(content);
                prints.judge(new long[] {id}, new long[] {content}, 1, out);
                assertEquals(expected, out[0], "copy " + i);
                if (expected == Fingerprints.Verdict.NEW) {
                    newIdsBefore.put(id, newIds++);
                } else if (newIds - newIdsBefore.get(id) > 49_152) {
                    // the table was emptied since this id's first copy: it was found in the spill
                    spilledCopies++;
                }
            }
            try (Stream<Path> files = Files.list(spill)) {
                assertEquals(1, files.count(), "one merged spill file");
            }
        }
        assertTrue(spilledCopies > 10_000, "repeated ids were judged against the spill: " + spilledCopies);
        assertFalse(Files.exists(spill), "closing removes the spill");
    }

    @Test
    void theTableGivesUpRoomToTheFilterAndTheVerdictsStayExact(@TempDir Path lake) throws IOException {
        // a table of 2^17 slots (2 MB) and a budget of 3 MB: once the filter passes 1 MB (some
        // 1.05M spilled ids) the table is halved, and every id seen before is still known
        int slots = 1 << 17;
        int spillEvery = slots / 4 * 3;
        try (Fingerprints prints = new Fingerprints(lake.resolve(".dedupe"), slots)) {
            Fingerprints.Verdict[] out = new Fingerprints.Verdict[1];
            long id = 0;
            while (prints.tableSlots() == slots) {
                id++;
                prints.judge(new long[] {id * 0x9E3779B97F4A7C15L}, new long[] {id}, 1, out);
                assertEquals(Fingerprints.Verdict.NEW, out[0]);
            }
            assertEquals(slots / 2, prints.tableSlots());
            assertTrue(id > 1_000_000 && id % spillEvery == 1, "the table shrank at a spill past 1M ids: " + id);
            for (long again = 1; again <= id; again++) {
                long content = again % 1000 == 0 ? -again : again;
                prints.judge(new long[] {again * 0x9E3779B97F4A7C15L}, new long[] {content}, 1, out);
                assertEquals(content == again ? Fingerprints.Verdict.SAME : Fingerprints.Verdict.DISPUTED, out[0], "id " + again);
            }
        }
    }

    @Test
    void aFilterOfAnyNumberOfBlocksKnowsEveryIdItWasGiven() {
        // 16,384 blocks to a page: three pages, the last of 5 blocks
        BlockedBloom filter = new BlockedBloom(2 * (1 << 14) + 5);
        SplittableRandom random = new SplittableRandom(5);
        long[] ids = random.longs(3_000_000).toArray();
        for (long id : ids) {
            filter.add(id);
        }
        for (long id : ids) {
            assertTrue(filter.mayHold(id));
        }
        long strangers = random.longs(300_000).filter(filter::mayHold).count();
        // 3M ids in 32,773 blocks of 512 bits, 5.6 bits each: some 7 % of strangers are false
        // "maybe"s if the ids spread over every block, far more if the last blocks went unused
        assertTrue(strangers > 10_000 && strangers < 40_000, "false maybes: " + strangers);
        assertEquals(2L * (1 << 14) * 64 + 5 * 64, filter.bytes());
    }

    @Test
    void aStaleSpillOfAKilledRunIsRemoved(@TempDir Path lake) throws IOException {
        Path spill = Files.createDirectories(lake.resolve(".dedupe"));
        Files.write(spill.resolve("seen-3.bin"), new byte[32]);
        SpilledFingerprints.removeStale(spill);
        assertFalse(Files.exists(spill));
    }
}

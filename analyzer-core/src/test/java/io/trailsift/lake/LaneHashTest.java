package io.trailsift.lake;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneHashTest {
    private static final long STATE = 0x1234_5678_9ABC_DEF0L;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReindentedJsonCopyHashesAsTheCompactOneAndSpacesInStringsCount() {
        String key = "userIdentity".repeat(5);
        byte[] compact = utf8("{\"" + key + "\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/a b\"},\"x\":[1,2]}");
        byte[] spaced = utf8("{\n  \"" + key + "\" : {\"type\": \"IAMUser\",\t\"arn\": \"arn:aws:iam::1:user/a b\"},\r\n \"x\": [1, 2]\n}");
        assertEquals(LaneHash.of(compact, STATE, true), LaneHash.of(spaced, STATE, true));
        assertNotEquals(LaneHash.of(compact, STATE, false), LaneHash.of(spaced, STATE, false), "text is compared as it is");
        byte[] joined = utf8("{\"" + key + "\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/ab\"},\"x\":[1,2]}");
        assertNotEquals(LaneHash.of(compact, STATE, true), LaneHash.of(joined, STATE, true));
    }

    @Test
    void everyByteOfEveryLengthCountsAndTheStateDecides() {
        // lengths across the four-word stride, the single words after it and the tail
        Set<Long> seen = new HashSet<>();
        for (int n = 0; n <= 100; n++) {
            byte[] v = new byte[n];
            for (int i = 0; i < n; i++) {
                v[i] = (byte) ('a' + i % 26);
            }
            long h = LaneHash.of(v, STATE, false);
            assertTrue(seen.add(h), "length " + n);
            assertNotEquals(h, LaneHash.of(v, STATE + 1, false), "another state, length " + n);
            for (int i = 0; i < n; i++) {
                byte[] changed = v.clone();
                changed[i] ^= 1;
                assertNotEquals(h, LaneHash.of(changed, STATE, false), "byte " + i + " of " + n);
            }
        }
    }
}

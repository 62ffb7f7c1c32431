package io.trailsift.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdSetTest {
    private static byte[] id(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void manyDistinctIdsAreNoRepeatThroughEveryGrowthAndOneMoreCopyIs() {
        EventIdSet ids = new EventIdSet();
        for (int i = 0; i < 300_000; i++) {
            ids.add(id("3d4c5b6a-" + i + "-4f1e-9a2b-" + (i * 7919L)));
        }
        assertFalse(ids.repeated());
        ids.add(id("3d4c5b6a-123456-4f1e-9a2b-" + (123456 * 7919L)));
        assertTrue(ids.repeated());
    }

    @Test
    void recordsWithoutAnEventIdNeverRepeat() {
        EventIdSet ids = new EventIdSet();
        ids.add(null);
        ids.add(null);
        ids.add(id(""));
        assertFalse(ids.repeated());
        ids.add(id(""));
        assertTrue(ids.repeated());
    }

    @Test
    void idsThatDifferOnlyInTheirLastBytesOrLengthHashApart() {
        Set<String> inputs = new HashSet<>();
        String base = "0123456789abcdef0123456789abcdef";
        for (int len = 0; len <= base.length(); len++) {
            for (char last = 'a'; last <= 'z'; last++) {
                inputs.add(base.substring(0, len) + last);
            }
            inputs.add(base.substring(0, len));
            inputs.add(base.substring(0, len) + "\0");
        }
        Set<Long> hashes = new HashSet<>();
        inputs.forEach(s -> hashes.add(EventIdSet.hash(id(s))));
        assertEquals(inputs.size(), hashes.size());
    }
}

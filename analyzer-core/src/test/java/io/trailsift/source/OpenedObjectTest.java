package io.trailsift.source;

import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files up to 16 MB are opened from memory, larger ones as streams: both must see the same thing. */
class OpenedObjectTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bytesInMemoryAndAStreamOpenAlike() throws IOException {
        String json = Records.wrapper(Records.events("o", 3));
        byte[] whitespace = new byte[700];
        Arrays.fill(whitespace, (byte) ' ');
        List<byte[]> contents = List.of(utf8(json), Records.gzip(json), new byte[0], utf8("  \n "), whitespace,
                Records.gzip(""), utf8("\uFEFF{\"Records\":[]}"), utf8("not json"), new byte[] {'P', 'K', 3, 4, 0});
        for (byte[] raw : contents) {
            try (OpenedObject fromBytes = OpenedObject.open("x.json.gz", raw, 1 << 20);
                 OpenedObject fromStream = OpenedObject.open("x.json.gz", new ByteArrayInputStream(raw), 1 << 20)) {
                String what = new String(raw, StandardCharsets.ISO_8859_1);
                assertEquals(fromStream.contentKind(), fromBytes.contentKind(), what);
                assertEquals(fromStream.objectKind(), fromBytes.objectKind(), what);
                assertArrayEquals(fromStream.stream().readAllBytes(), fromBytes.stream().readAllBytes());
            }
        }
    }
}

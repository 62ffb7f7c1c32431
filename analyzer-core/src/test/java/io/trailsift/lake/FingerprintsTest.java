package io.trailsift.lake;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
}

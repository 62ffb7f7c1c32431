package io.trailsift.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small gzip object cut mid-stream: everything the inflater can still produce must reach the
 * reader. BufferedInputStream used to drop the last chunk when its follow-up read hit the cut.
 */
class TruncatedGzipTest {
    @TempDir
    Path tmp;

    @Test
    void everyByteDecompressedBeforeTheCutIsDelivered() throws IOException {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 40; i++) {
            json.append(i == 0 ? "" : ",").append("{\"eventID\":\"e-").append(i).append("\",\"eventName\":\"ListUsers\"}");
        }
        byte[] gz = gzip(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(gz, gz.length * 2 / 3);
        Path file = Files.write(tmp.resolve("cut.json.gz"), cut);
        long expected = readableBytes(new GZIPInputStream(new ByteArrayInputStream(cut)));
        assertTrue(expected > 512, "the cut leaves readable text");

        try (OpenedObject o = SourceObject.ofFile(file).open(1 << 20)) {
            assertEquals(expected, readableBytes(o.stream()));
        }
    }

    private static long readableBytes(InputStream in) throws IOException {
        long n = 0;
        byte[] buf = new byte[8192];
        try (in) {
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
            }
            throw new AssertionError("the cut stream ended without an error");
        } catch (EOFException cutHere) {
            return n;
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(content);
        }
        return out.toByteArray();
    }
}

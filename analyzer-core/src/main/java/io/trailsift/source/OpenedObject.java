package io.trailsift.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An object opened for reading: gzip undone when the magic bytes say so (whatever the name),
 * the decompressed size capped, and the content kind sniffed from the first bytes.
 */
public final class OpenedObject implements AutoCloseable {
    private static final int HEAD = 512;
    /** Readers downstream pull 8 KB at a time; bigger buffers only cost allocation per object. */
    private static final int BUFFER = 16 * 1024;

    private final InputStream content;
    private final ContentKind kind;

    private OpenedObject(InputStream content, ContentKind kind) {
        this.content = content;
        this.kind = kind;
    }

    static OpenedObject open(InputStream raw, long maxBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        return opened(in, sniff(in), maxBytes);
    }

    /** The same over bytes already in memory: no buffering layer, nothing read twice. */
    static OpenedObject open(byte[] raw, long maxBytes) throws IOException {
        ContentKind outer = ContentKind.sniff(Arrays.copyOf(raw, HEAD), Math.min(raw.length, HEAD));
        return opened(new ByteArrayInputStream(raw), outer, maxBytes);
    }

    /** {@code in} positioned at the start of content whose first bytes say {@code outer}. */
    private static OpenedObject opened(InputStream in, ContentKind outer, long maxBytes) throws IOException {
        if (outer != ContentKind.GZIP) {
            return new OpenedObject(new CappedInputStream(in, maxBytes), outer);
        }
        // The JDK stream reads concatenated gzip members, as S3 clients sometimes produce.
        BufferedInputStream inner = new BufferedInputStream(
                new CappedInputStream(new GZIPInputStream(in, BUFFER), maxBytes), BUFFER);
        return new OpenedObject(inner, sniff(inner));
    }

    private static ContentKind sniff(BufferedInputStream in) throws IOException {
        in.mark(HEAD);
        byte[] head = new byte[HEAD];
        int n = in.readNBytes(head, 0, HEAD);
        in.reset();
        return ContentKind.sniff(head, n);
    }

    ContentKind kind() {
        return kind;
    }

    public boolean isEmpty() {
        return kind == ContentKind.EMPTY;
    }

    /** Starts like JSON ('{' or '['); anything else is not CloudTrail. */
    public boolean isJson() {
        return kind == ContentKind.JSON;
    }

    /** Decompressed bytes, positioned at the start. */
    public InputStream content() {
        return content;
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}

package io.trailsift.source;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An object opened for reading: gzip undone when the magic bytes say so (whatever the name),
 * the decompressed size capped, and what it is ({@link ContentKind}, {@link ObjectKind}) decided
 * from its path and first decompressed bytes.
 */
public final class OpenedObject implements AutoCloseable {
    private static final int HEAD = 512;
    /** Readers downstream pull 8 KB at a time; bigger buffers only cost allocation per object. */
    private static final int BUFFER = 16 * 1024;

    private final InputStream stream;
    private final ContentKind contentKind;
    private final ObjectKind objectKind;

    private OpenedObject(InputStream stream, ContentKind contentKind, ObjectKind objectKind) {
        this.stream = stream;
        this.contentKind = contentKind;
        this.objectKind = objectKind;
    }

    static OpenedObject open(String path, InputStream raw, long maxBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        return opened(path, in, Head.peek(in), maxBytes);
    }

    /** The same over bytes already in memory: no buffering layer, nothing read twice. */
    static OpenedObject open(String path, byte[] raw, long maxBytes) throws IOException {
        return opened(path, new ByteArrayInputStream(raw), new Head(Arrays.copyOf(raw, HEAD), Math.min(raw.length, HEAD)),
                maxBytes);
    }

    /** {@code in} positioned at the start of content whose first bytes are {@code outer}. */
    private static OpenedObject opened(String path, InputStream in, Head outer, long maxBytes) throws IOException {
        if (outer.content() != ContentKind.GZIP) {
            return new OpenedObject(new CappedInputStream(in, maxBytes), outer.content(), outer.object(path));
        }
        // The JDK stream reads concatenated gzip members, as S3 clients sometimes produce.
        BufferedInputStream inner = new BufferedInputStream(
                new CappedInputStream(new GZIPInputStream(in, BUFFER), maxBytes), BUFFER);
        Head head = Head.peek(inner);
        return new OpenedObject(inner, head.content(), head.object(path));
    }

    /** The first bytes of a stream, read without consuming them. */
    private record Head(byte[] bytes, int length) {
        static Head peek(BufferedInputStream in) throws IOException {
            in.mark(HEAD);
            byte[] head = new byte[HEAD];
            int n = in.readNBytes(head, 0, HEAD);
            in.reset();
            return new Head(head, n);
        }

        ContentKind content() {
            return ContentKind.sniff(bytes, length);
        }

        ObjectKind object(String path) {
            return ObjectKind.of(path, bytes, length);
        }
    }

    /** What the (decompressed) bytes look like. */
    public ContentKind contentKind() {
        return contentKind;
    }

    /** What the object is, by path and content. */
    public ObjectKind objectKind() {
        return objectKind;
    }

    public boolean isEmpty() {
        return contentKind == ContentKind.EMPTY;
    }

    /** Decompressed bytes, positioned at the start. */
    public InputStream stream() {
        return stream;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}

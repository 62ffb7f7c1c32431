package io.trailsift.source;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An object opened for reading: gzip, bzip2 or xz undone when the magic bytes say so (whatever
 * the name), twice when a compressed object was compressed again (gzip inside gzip), every layer's
 * output capped, and what it is ({@link ContentKind}, {@link ObjectKind}) decided from its path and
 * first decompressed bytes.
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

    /** Layers of compression undone before the content: a compressed copy of a compressed object is common enough. */
    private static final int MAX_LAYERS = 2;
    /** Ample for the presets xz compresses with (up to 64 MiB dictionaries). */
    private static final int XZ_MEMORY_LIMIT_KIB = 96 * 1024;

    /** {@code in} positioned at the start of content whose first bytes are {@code outer}. */
    private static OpenedObject opened(String path, InputStream in, Head outer, long maxBytes) throws IOException {
        InputStream content = in;
        Head head = outer;
        for (int layer = 0; layer < MAX_LAYERS && head.content().isCompressed(); layer++) {
            BufferedInputStream inner = new BufferedInputStream(
                    new CappedInputStream(decompressed(content, head.content()), maxBytes), BUFFER);
            head = Head.peek(inner);
            content = inner;
        }
        if (content == in) {
            content = new CappedInputStream(in, maxBytes);
        }
        return new OpenedObject(content, head.content(), head.object(path));
    }

    private static InputStream decompressed(InputStream in, ContentKind kind) throws IOException {
        return switch (kind) {
            // The JDK stream reads concatenated gzip members, as S3 clients sometimes produce.
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            // a crafted header can ask for a dictionary of gigabytes: cap what the decoder may take
            case XZ -> new XZCompressorInputStream(in, true, XZ_MEMORY_LIMIT_KIB);
            default -> throw new IllegalArgumentException(kind + " is not compressed");
        };
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

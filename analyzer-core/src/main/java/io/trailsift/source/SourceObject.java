package io.trailsift.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * One object to read: a file on disk, an object of another file system that can be opened as a
 * stream (Hadoop's, in a Spark task), or an archive entry held in memory (or, when large, in a
 * temporary file that {@link #release()} deletes). Knows its display path, its raw size, where
 * S3 put it, and can be opened more than once (once to hash, once to parse).
 */
public final class SourceObject {
    /** Opens a stored object's bytes from the start, as often as asked. */
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Files up to this size are read into memory once ({@link #held()}). */
    static final long HELD_MAX_BYTES = 16 << 20;

    private final String path;
    private final Path file;
    /** Set for an object of another file system: neither {@link #file} nor {@link #bytes}. */
    private final Opener opener;
    private final byte[] bytes;
    /** The run's temporary space when this object's bytes are a file there, else null. */
    private final TemporarySpace temporary;
    private final long size;

    private SourceObject(String path, Path file, Opener opener, byte[] bytes, TemporarySpace temporary, long size) {
        this.path = path;
        this.file = file;
        this.opener = opener;
        this.bytes = bytes;
        this.temporary = temporary;
        this.size = size;
    }

    public static SourceObject ofFile(Path file) throws IOException {
        return new SourceObject(file.toString(), file, null, null, null, Files.size(file));
    }

    /** An object listed by another file system (e.g. {@code s3a://bucket/key}), {@code sizeBytes} as listed. */
    public static SourceObject ofStream(String path, long sizeBytes, Opener opener) {
        return new SourceObject(path, null, opener, null, null, sizeBytes);
    }

    static SourceObject ofBytes(String path, byte[] bytes) {
        return new SourceObject(path, null, null, bytes, null, bytes.length);
    }

    static SourceObject ofTemporaryFile(String path, Path file, TemporarySpace space) throws IOException {
        return new SourceObject(path, file, null, null, space, Files.size(file));
    }

    /** As given on the command line; archive entries as {@code archive!entry}. */
    public String path() {
        return path;
    }

    public long sizeBytes() {
        return size;
    }

    public Optional<S3Location> location() {
        return S3Location.of(path);
    }

    public InputStream openRaw() throws IOException {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        return opener != null ? opener.open() : Files.newInputStream(file);
    }

    /** Opens, gunzips when the bytes are gzip, caps the decompressed size. */
    public OpenedObject open(long maxDecompressedBytes) throws IOException {
        return bytes != null ? OpenedObject.open(path, bytes, maxDecompressedBytes)
                : OpenedObject.open(path, openRaw(), maxDecompressedBytes);
    }

    /**
     * This object with its bytes in memory, when it is a file of at most {@link #HELD_MAX_BYTES};
     * otherwise itself. The walker sniffs each object, the ingest hashes it and then parses it:
     * read once, that is one read of the file instead of three (CloudTrail's objects are a few
     * hundred KB gzipped; parsers hold at most a few objects at a time).
     */
    SourceObject held() throws IOException {
        if (bytes != null || temporary != null || size > HELD_MAX_BYTES) {
            return this;
        }
        byte[] content;
        if (opener == null) {
            content = Files.readAllBytes(file);
        } else {
            try (InputStream in = opener.open()) {
                content = in.readAllBytes();
            }
        }
        return new SourceObject(path, null, null, content, null, content.length);
    }

    /** SHA-256 of the raw (as stored, possibly compressed) bytes, in hex. */
    public String sha256() throws IOException {
        MessageDigest md = Sha256.newDigest();
        if (bytes != null) {
            md.update(bytes);
        } else {
            try (InputStream in = new DigestInputStream(openRaw(), md)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return Sha256.hex(md);
    }

    /** Frees what this object holds: deletes its temporary file, if it has one. */
    public void release() {
        if (temporary != null) {
            temporary.delete(file);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}

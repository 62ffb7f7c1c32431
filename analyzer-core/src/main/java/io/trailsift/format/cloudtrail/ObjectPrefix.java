package io.trailsift.format.cloudtrail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The first bytes of an object, up to a limit, read into memory; and a stream that gives them
 * again followed by whatever came next: the rest of the object, or the read error that stopped
 * the reading (a truncated gzip member, the size cap), at the same offset it first happened.
 */
final class ObjectPrefix {
    private final byte[] bytes;
    private final int length;
    private final boolean atEnd;
    private final Optional<IOException> failure;

    private ObjectPrefix(byte[] bytes, int length, boolean atEnd, Optional<IOException> failure) {
        this.bytes = bytes;
        this.length = length;
        this.atEnd = atEnd;
        this.failure = failure;
    }

    /**
     * Reads up to {@code limit} bytes into {@code reuse} (grown as needed; a new array is
     * returned by {@link #bytes()} when it had to grow).
     */
    static ObjectPrefix read(InputStream in, int limit, byte[] reuse) {
        byte[] buf = reuse;
        int len = 0;
        try {
            while (len < limit) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, limit));
                }
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    return new ObjectPrefix(buf, len, true, Optional.empty());
                }
                len += r;
            }
            return new ObjectPrefix(buf, len, false, Optional.empty());
        } catch (IOException e) {
            return new ObjectPrefix(buf, len, false, Optional.of(e));
        }
    }

    /** Whether these are all of the object's bytes, read without error. */
    boolean isWhole() {
        return atEnd;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** These bytes, then the rest of {@code in} or the error that stopped the first reading. */
    InputStream replayThen(InputStream in) {
        InputStream head = new ByteArrayInputStream(bytes, 0, length);
        if (atEnd) {
            return head;
        }
        InputStream rest = failure.<InputStream>map(ObjectPrefix::failing).orElse(in);
        return new SequenceInputStream(head, rest);
    }

    private static InputStream failing(IOException e) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw e;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw e;
            }
        };
    }
}

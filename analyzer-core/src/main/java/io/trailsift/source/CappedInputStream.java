package io.trailsift.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link ObjectTooLargeException} once more than {@code cap} bytes were read. */
final class CappedInputStream extends FilterInputStream {
    private final long cap;
    private long count;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            account(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            account(n);
        }
        return n;
    }

    private void account(int n) throws ObjectTooLargeException {
        count += n;
        if (count > cap) {
            throw new ObjectTooLargeException(cap);
        }
    }

    /**
     * Always 0. {@link java.io.BufferedInputStream#read(byte[], int, int)} keeps reading from the
     * stream below while it reports bytes available, and when such a follow-up read throws (a gzip
     * object cut mid-stream: "Unexpected end of ZLIB input stream") it drops the bytes it already
     * gathered in that call. With 0, each buffered read makes one read here, so everything
     * decompressed before the cut reaches the parser and every complete record is kept.
     */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);
    }
}

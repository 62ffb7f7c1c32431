package io.trailsift.format.cloudtrail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input stream that remembers what it handed to the JSON parser since a pinned offset, so
 * nested objects can be stored as their original bytes (exact, and without building a tree)
 * while the object streams: memory is bounded by the largest record, not by the object.
 * Offsets are absolute byte positions in the stream, the same ones Jackson reports.
 */
final class RawWindow extends InputStream {
    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    /** Absolute offset of buf[0]. */
    private long bufStart;
    private int len;
    private final int maxRetained;
    /** Start of the record being parsed; everything before it may be dropped. */
    private long pinned;
    /** The current record outgrew maxRetained: its bytes are being dropped, it cannot be sliced. */
    private boolean overflowed;
    /** Once the record overflowed: its structure so far, from the bytes no longer kept. */
    private JsonSkimmer overflowSkim;

    RawWindow(InputStream in, int maxRetained) {
        this.in = in;
        this.maxRetained = maxRetained;
    }

    /** Keep every byte from {@code offset} on, until the next pin. */
    void pin(long offset) {
        pinned = offset;
        overflowed = false;
        overflowSkim = null;
    }

    /** The stream after the last byte handed to the parser. */
    InputStream unread() {
        return in;
    }

    /** Offset just after the last byte handed to the parser. */
    long end() {
        return bufStart + len;
    }

    /** A skimmer fed every byte handed to the parser from {@code offset}, the pinned record's start. */
    JsonSkimmer skimmedFrom(long offset) {
        if (overflowed) {
            return overflowSkim;
        }
        JsonSkimmer skimmer = new JsonSkimmer();
        skimmer.feed(buf, (int) (offset - bufStart), len);
        return skimmer;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** Copy of the bytes in [from, to); both must lie at or after the pinned offset. */
    byte[] slice(long from, long to) {
        if (from < bufStart || to > bufStart + len || from > to) {
            throw new IllegalStateException("raw slice [" + from + "," + to + ") outside window ["
                    + bufStart + "," + (bufStart + len) + ")");
        }
        return Arrays.copyOfRange(buf, (int) (from - bufStart), (int) (to - bufStart));
    }

    /**
     * The content of the JSON string whose opening quote is at {@code quote}, as raw UTF-8, when
     * it has no escapes and is wholly inside the window already; else null (the caller decodes it
     * the slow way). Most CloudTrail values qualify, which spares a String and a re-encoding each.
     */
    byte[] plainString(long quote) {
        int from = (int) (quote - bufStart) + 1;
        if (from <= 0) {
            return null;
        }
        for (int i = from; i < len; i++) {
            byte b = buf[i];
            if (b == '"') {
                return Arrays.copyOfRange(buf, from, i);
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return null;
            }
        }
        return null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int want) throws IOException {
        makeRoom(want);
        int n = in.read(buf, len, Math.min(want, buf.length - len));
        if (n <= 0) {
            return n;
        }
        if (overflowed) {
            overflowSkim.feed(buf, len, len + n);
        }
        System.arraycopy(buf, len, b, off, n);
        len += n;
        return n;
    }

    private void makeRoom(int want) {
        if (buf.length - len >= Math.min(want, 8192)) {
            return;
        }
        dropBefore(overflowed ? bufStart + len : Math.max(pinned, bufStart));
        if (buf.length - len < Math.min(want, 8192)) {
            if (buf.length * 2L > maxRetained) {
                // One record larger than we are willing to hold: stop keeping its bytes; the
                // parser still walks past it, and the reader reports it instead of storing it.
                overflowed = true;
                overflowSkim = new JsonSkimmer();
                overflowSkim.feed(buf, (int) (Math.max(pinned, bufStart) - bufStart), len);
                dropBefore(bufStart + len);
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
    }

    private void dropBefore(long keepFrom) {
        int drop = (int) (keepFrom - bufStart);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            bufStart += drop;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

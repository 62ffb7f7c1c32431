package io.trailsift.format.cloudtrail;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A record Jackson stopped reading at one of its limits (nesting deeper than allowed, a string or
 * a name longer than allowed). The JSON is not broken there, only too big to hold, so the records
 * after it can still be read: {@link #skip} finds the record's end with a {@link JsonSkimmer}, from
 * its first byte (kept by the {@link RawWindow}), and gives the stream that continues the object
 * for a new parser.
 *
 * <p>Thrown out of the parse (it is an {@link IOException} so it passes the readers' signatures)
 * and caught where the parser is made.
 */
final class CutRecord extends IOException {
    private final RawWindow window;
    /** Window offset of the record's '{'. */
    private final long start;
    /** Absolute offset of the window's offset 0. */
    private final long base;
    /** What a new parser must see first to be where the cut record's parent was: {@code {"Records":[}, {@code [} or nothing. */
    private final String reopen;

    CutRecord(String reason, RawWindow window, long start, long base, String reopen) {
        super(reason, null);
        this.window = window;
        this.start = start;
        this.base = base;
        this.reopen = reopen;
    }

    /** Absolute offset of the record's first byte. */
    long recordStart() {
        return base + start;
    }

    /** The object after this record (and its comma), behind the bytes that reopen its parent; empty when it ends first. */
    Optional<Continuation> skip() throws IOException {
        JsonSkimmer skimmer = window.skimmedFrom(start);
        // The parser reads ahead: the record may end inside what it was handed, followed by more records.
        long restAt = skimmer.closed() ? start + skimmer.length() : window.end();
        InputStream rest = skimmer.closed()
                ? new SequenceInputStream(new ByteArrayInputStream(window.slice(restAt, window.end())), window.unread())
                : window.unread();
        BufferedInputStream in = new BufferedInputStream(rest);
        long read = 0;
        while (!skimmer.closed()) {
            int c = in.read();
            if (c < 0) {
                return Optional.empty();
            }
            read++;
            skimmer.feed(c);
        }
        read += skipSeparator(in);
        byte[] prefix = reopen.getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new Continuation(new SequenceInputStream(new ByteArrayInputStream(prefix), in),
                base + restAt + read - prefix.length));
    }

    /** White space and one comma after the record; a closing bracket stays for the parser. */
    private static long skipSeparator(BufferedInputStream in) throws IOException {
        long skipped = 0;
        while (true) {
            in.mark(1);
            int c = in.read();
            if (c == ',') {
                return skipped + 1;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                in.reset();
                return skipped;
            }
            skipped++;
        }
    }

    /**
     * @param stream the rest of the object, behind the bytes that reopen the parent container
     * @param base   absolute offset of the stream's offset 0
     */
    record Continuation(InputStream stream, long base) {
    }
}

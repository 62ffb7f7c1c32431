package io.trailsift.format.cloudtrail;

/**
 * Finds where one JSON value ends by its brackets and quotes alone, with no limit on nesting or
 * length and nothing decoded: enough to step over a record the parser had to give up on.
 * Fed the value's bytes from its first one.
 */
final class JsonSkimmer {
    private long depth;
    private boolean inString;
    private boolean escaped;
    private boolean closed;
    private long length;

    /** Feeds {@code bytes[from, to)}; returns the index just after the value's end, or -1 if it goes on. */
    int feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (feed(bytes[i])) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Feeds one byte; true when it closed the value. */
    boolean feed(int b) {
        if (closed) {
            return true;
        }
        length++;
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if (b == '}' || b == ']') {
            closed = --depth == 0;
        }
        return closed;
    }

    boolean closed() {
        return closed;
    }

    /** Bytes fed up to and including the value's last one (all fed while it is open). */
    long length() {
        return length;
    }
}

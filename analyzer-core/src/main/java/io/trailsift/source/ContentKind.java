package io.trailsift.source;

/** What an object's first bytes say it is: names lie (hand-unzipped .json.gz files), magic bytes do not. */
public enum ContentKind {
    GZIP, BZIP2, XZ, ZIP, TAR, JSON, EMPTY, OTHER;

    static ContentKind sniff(byte[] head, int n) {
        if (n == 0) {
            return EMPTY;
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return BZIP2;
        }
        if (n >= 6 && (head[0] & 0xff) == 0xFD && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z'
                && head[5] == 0) {
            return XZ;
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        if (n >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                && head[261] == 'r') {
            return TAR;
        }
        for (int i = 0; i < n; i++) {
            int c = head[i] & 0xff;
            if (i == 0 && n >= 3 && c == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                i += 2; // UTF-8 byte order mark
                continue;
            }
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            return c == '{' || c == '[' ? JSON : OTHER;
        }
        // Only whitespace so far: empty if that was all, else let the JSON parser look further.
        return n < head.length ? EMPTY : JSON;
    }

    boolean isCompressed() {
        return this == GZIP || this == BZIP2 || this == XZ;
    }

    boolean isArchive() {
        return this == ZIP || this == TAR;
    }
}

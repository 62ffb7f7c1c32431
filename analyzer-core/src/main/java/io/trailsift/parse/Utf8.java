package io.trailsift.parse;

/** UTF-8 validation for raw byte slices the parser skipped over without decoding. */
final class Utf8 {
    private Utf8() {
    }

    /** Index of the first byte of an invalid sequence, or -1 when the bytes are well-formed UTF-8. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            int need;
            int min;
            if ((c & 0xE0) == 0xC0) {
                need = 1;
                min = 0x80;
            } else if ((c & 0xF0) == 0xE0) {
                need = 2;
                min = 0x800;
            } else if ((c & 0xF8) == 0xF0) {
                need = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + need >= n) {
                return i;
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k];
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}

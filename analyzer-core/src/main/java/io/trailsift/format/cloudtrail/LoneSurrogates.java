package io.trailsift.format.cloudtrail;

import java.io.ByteArrayOutputStream;

/**
 * JSON allows a {@code \\uD800}..{@code \\uDFFF} escape that pairs with nothing; Unicode does not,
 * and DuckDB's JSON functions reject the whole value, so one crafted record could make every rule
 * that reads its column fail on the whole store. Such an escape is kept as the text it was: its
 * backslash escaped, so the value says {@code \\udc00} in words, is valid JSON, and what was
 * delivered can still be read from it. Surrogate pairs are left as they are.
 */
final class LoneSurrogates {
    private LoneSurrogates() {
    }

    /** A JSON text (already validated) with each lone surrogate escape turned into text. */
    static byte[] inJson(byte[] json) {
        int first = indexOfBackslash(json);
        if (first < 0) {
            return json;
        }
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = first; i < json.length; i++) {
            if (json[i] != '\\') {
                continue;
            }
            if (json[i + 1] != 'u') {
                i++; // a two-character escape: skip it, so "\\\\u" is not read as an escape
                continue;
            }
            int unit = hex(json, i + 2);
            boolean lone = Character.isLowSurrogate((char) unit)
                    || Character.isHighSurrogate((char) unit) && !(i + 11 < json.length && json[i + 6] == '\\'
                    && json[i + 7] == 'u' && Character.isLowSurrogate((char) hex(json, i + 8)));
            if (Character.isHighSurrogate((char) unit) && !lone) {
                i += 11; // the pair, as it is
            } else if (lone) {
                if (out == null) {
                    out = new ByteArrayOutputStream(json.length + 16);
                }
                out.write(json, copied, i - copied);
                out.write('\\');
                copied = i; // the escape itself follows, now as text after an escaped backslash
                i += 5;
            } else {
                i += 5;
            }
        }
        if (out == null) {
            return json;
        }
        out.write(json, copied, json.length - copied);
        return out.toByteArray();
    }

    /** A decoded string with each unpaired surrogate written as the text of its escape. */
    static String inText(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (lone && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(lone ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static int indexOfBackslash(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\') {
                return i;
            }
        }
        return -1;
    }

    private static int hex(byte[] b, int at) {
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            v = v * 16 + Character.digit(b[k], 16);
        }
        return v;
    }
}

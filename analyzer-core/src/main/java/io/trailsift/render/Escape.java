package io.trailsift.render;

import io.trailsift.event.EventTimes;

import java.time.Instant;
import java.util.List;

/**
 * Every value in the logs was written by whoever made the calls, an attacker included, so every
 * output neutralises what could act on the reader's side. This is the one place that knows how,
 * per medium: terminal control sequences, Markdown markup, spreadsheet formulas, Graphviz and
 * Mermaid label syntax.
 */
final class Escape {
    private Escape() {
    }

    /** A value as text: times as UTC ISO-8601 with Z, lists comma-separated, null as "". */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Instant t) {
            return EventTimes.format(t);
        }
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(Escape::text).toList());
        }
        return String.valueOf(v);
    }

    /** The whole value, with control characters (ESC sequences included) replaced by U+FFFD. */
    public static String terminal(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    /** A terminal table cell: {@link #terminal}, cut to {@code max} characters. */
    static String tableCell(Object v, int max) {
        String s = text(v);
        if (s.length() > max) {
            return terminal(s.substring(0, max - 1)) + '…';
        }
        return terminal(s);
    }

    /** A Markdown table cell or inline text that cannot break the table or smuggle links, HTML or code spans. */
    public static String markdown(Object v) {
        StringBuilder sb = new StringBuilder();
        for (char c : text(v).toCharArray()) {
            if (c == '\n' || c == '\r') {
                sb.append(' ');
            } else if ("\\|`*_[]<>#!~".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RFC 4180 quoting, plus the OWASP advice against CSV injection for text cells. */
    static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = text(v);
        if (v instanceof String && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Inside a Graphviz DOT quoted string: backslash and quote escaped, line breaks and controls made visible. */
    static String dot(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Inside a Mermaid quoted label: anything beyond a small safe set becomes a numeric entity
     * ({@code #34;}), which Mermaid decodes for display, so quotes, brackets, pipes, markup and
     * Markdown cannot act.
     */
    static String mermaid(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) && c < 128 || " .,:/_@=+-()".indexOf(c) >= 0) {
                sb.appendCodePoint(c);
            } else {
                sb.append('#').append(c).append(';');
            }
        });
        return sb.toString();
    }
}

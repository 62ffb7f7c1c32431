package io.trailsift.render;

import io.trailsift.event.EventTimes;

import java.time.Instant;
import java.util.List;

/**
 * Every value in the logs was written by whoever made the calls, an attacker included, so every
 * output neutralises what could act on the reader's side. This is the one place that knows how,
 * per medium: terminal control sequences, Markdown markup, spreadsheet formulas, Graphviz and
 * Mermaid label syntax, HTML and SVG text and attributes.
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

    /**
     * The value with everything that could act on a terminal or hide what the text says made
     * visible as an escape: control characters (ESC sequences included) as {@code \\xNN}, line and
     * paragraph separators, bidi overrides and isolates, zero-width and other invisible characters,
     * and unpaired surrogates as {@code \\uNNNN} (backslash, u, four hex digits).
     */
    public static String terminal(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = escaped(s, i, c);
            if (escaped == null && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            sb.append(escaped == null ? String.valueOf(c) : escaped);
        }
        return sb == null ? s : sb.toString();
    }

    /** How {@code c} at {@code i} is shown, or null when it is shown as it is. */
    private static String escaped(String s, int i, char c) {
        if (Character.isISOControl(c)) {
            return String.format("\\x%02x", (int) c);
        }
        if (invisible(c) || Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    /** Characters that change how the text around them reads, or take no room at all. */
    private static boolean invisible(char c) {
        return c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\ufeff' || c == '\u00ad'
                || (c >= '\u200b' && c <= '\u200f') || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2060' && c <= '\u2069');
    }

    /** {@link #terminal}, cut to about {@code max} characters with the full length said. */
    static String terminal(String s, int max) {
        if (s.length() <= max) {
            return terminal(s);
        }
        String suffix = "…(" + s.length() + " chars)";
        return terminal(s.substring(0, Math.max(1, max - suffix.length()))) + suffix;
    }

    /**
     * A Markdown table cell or inline text that cannot break the table or smuggle links, HTML or
     * code spans: hidden characters made visible as for the terminal, then markup escaped.
     */
    public static String markdown(Object v) {
        String t = terminal(text(v));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ("\\|`*_[]<>#!~@".indexOf(c) >= 0 || startsLink(t, i)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Where a renderer that turns bare URLs, domains and mail addresses into links (GitHub,
     * markdown-it's linkify) would find one: the ':' of "://" and a dot between a letter or digit
     * and a letter, as in "evil.example". Escaped, the text reads the same and links nowhere.
     * Dots in IP addresses stay: no common renderer links a bare IP.
     */
    private static boolean startsLink(String t, int i) {
        char c = t.charAt(i);
        if (c == ':') {
            return t.startsWith("//", i + 1);
        }
        return c == '.' && i > 0 && i + 1 < t.length() && Character.isLetterOrDigit(t.charAt(i - 1))
                && Character.isLetter(t.charAt(i + 1));
    }

    /**
     * RFC 4180 quoting, plus the OWASP advice against CSV injection: a text cell, or a list (whose
     * first element may be text), that a spreadsheet would run as a formula starts with a quote.
     */
    static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = text(v);
        if ((v instanceof String || v instanceof List<?>) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /**
     * HTML or SVG (XML) text, or an attribute value in double quotes: hidden characters made
     * visible as for the terminal (an XML parser rejects most control characters, and bidi
     * overrides would make the text lie), then the five markup characters as entities, so no value
     * can open a tag, close an attribute or start an entity. A {@code javascript:} text stays
     * text: the report puts values in no URL attribute.
     */
    static String html(Object v) {
        String t = terminal(text(v));
        StringBuilder sb = null;
        for (int i = 0; i < t.length(); i++) {
            String entity = switch (t.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity == null && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(t.length() + 16).append(t, 0, i);
            }
            sb.append(entity == null ? String.valueOf(t.charAt(i)) : entity);
        }
        return sb == null ? t : sb.toString();
    }

    /** Inside a Graphviz DOT quoted string: hidden characters made visible, then backslash and quote escaped. */
    static String dot(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : terminal(s).toCharArray()) {
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
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

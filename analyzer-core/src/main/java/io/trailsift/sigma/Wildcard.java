package io.trailsift.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Sigma string value as a sequence of literal text and wildcards: {@code *} (any run of
 * characters) and {@code ?} (one character). A backslash escapes a wildcard or another backslash
 * (the specification's escape rules); before any other character it is a plain backslash.
 */
public record Wildcard(List<Part> parts) {
    /** One piece of a value: literal text, or a wildcard. */
    public sealed interface Part permits Text, AnyRun, AnyOne {
    }

    public record Text(String text) implements Part {
    }

    public record AnyRun() implements Part {
    }

    public record AnyOne() implements Part {
    }

    public Wildcard {
        parts = List.copyOf(parts);
    }

    /** Reads a value as the specification writes it, escapes and wildcards included. */
    public static Wildcard parse(String value) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                int run = 0;
                while (i + run < value.length() && value.charAt(i + run) == '\\') {
                    run++;
                }
                boolean beforeWildcard = i + run < value.length() && (value.charAt(i + run) == '*' || value.charAt(i + run) == '?');
                // pairs are one backslash each; an odd one left over escapes the wildcard after it
                text.append("\\".repeat(beforeWildcard || run % 2 == 0 ? run / 2 : run / 2 + 1));
                if (beforeWildcard && run % 2 == 1) {
                    text.append(value.charAt(i + run));
                    i += run;
                } else {
                    i += run - 1;
                }
            } else if (c == '*' || c == '?') {
                if (!text.isEmpty()) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(c == '*' ? new AnyRun() : new AnyOne());
            } else {
                text.append(c);
            }
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new Wildcard(parts);
    }

    /** A value with no wildcard at all (base64 output, a windash variant, a field's own text). */
    public static Wildcard literal(String text) {
        return new Wildcard(text.isEmpty() ? List.of() : List.of(new Text(text)));
    }

    /** {@code *} around this value, as {@code contains} does; {@code before}/{@code after} choose the sides. */
    public Wildcard wrapped(boolean before, boolean after) {
        List<Part> out = new ArrayList<>();
        if (before && (parts.isEmpty() || !(parts.get(0) instanceof AnyRun))) {
            out.add(new AnyRun());
        }
        out.addAll(parts);
        if (after && (parts.isEmpty() || !(parts.get(parts.size() - 1) instanceof AnyRun))) {
            out.add(new AnyRun());
        }
        return new Wildcard(out);
    }

    /** The text, if this value has no wildcard. */
    public java.util.Optional<String> plain() {
        if (parts.stream().anyMatch(p -> !(p instanceof Text))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(parts.stream().map(p -> ((Text) p).text()).reduce("", String::concat));
    }

    /** The shape of the value, which picks the cheapest SQL test for it. */
    public enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, ANYTHING, GENERAL }

    public Shape shape() {
        long texts = parts.stream().filter(p -> p instanceof Text).count();
        long runs = parts.stream().filter(p -> p instanceof AnyRun).count();
        boolean ones = parts.stream().anyMatch(p -> p instanceof AnyOne);
        if (ones || texts > 1) {
            return Shape.GENERAL;
        }
        if (texts == 0) {
            return runs == 0 ? Shape.EXACT : Shape.ANYTHING;
        }
        boolean first = parts.get(0) instanceof AnyRun;
        boolean last = parts.get(parts.size() - 1) instanceof AnyRun;
        if (runs == 0) {
            return Shape.EXACT;
        }
        if (first && last) {
            return Shape.CONTAINS;
        }
        return first ? Shape.SUFFIX : Shape.PREFIX;
    }

    /** The literal text of a value of one text part (empty for an empty value). */
    public String text() {
        return parts.stream().filter(p -> p instanceof Text).map(p -> ((Text) p).text()).reduce("", String::concat);
    }

    /** A SQL LIKE pattern with {@code \} as its escape character. */
    public String likePattern() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                for (char c : t.text().toCharArray()) {
                    if (c == '%' || c == '_' || c == '\\') {
                        b.append('\\');
                    }
                    b.append(c);
                }
            } else {
                b.append(p instanceof AnyRun ? '%' : '_');
            }
        }
        return b.toString();
    }

    /** A Java regular expression matching the whole value (for evaluators that do not speak SQL). */
    public String javaRegex() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(Pattern.quote(t.text()));
            } else {
                b.append(p instanceof AnyRun ? ".*" : ".");
            }
        }
        return b.toString();
    }
}

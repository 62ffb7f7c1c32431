package io.trailsift.sigma;

import io.trailsift.pivot.AddressRange;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one {@code field|modifier|...: value(s)} entry into a {@link FieldTest}: the modifiers
 * are applied in the order written, as the specification says (encodings first transform the
 * value, then {@code base64} encodes what they produced).
 */
final class Modifiers {
    private static final Set<String> TIME = Set.of("minute", "hour", "day", "week", "month", "year");
    private static final Set<String> COMPARE = Set.of("lt", "lte", "gt", "gte");
    private static final String DASHES = "-/\u2013\u2014\u2015";
    private static final int MAX_DASHES = 4;

    /** The values as they go through the chain: Sigma text (wildcards live) or encoded bytes. */
    private List<Object> values;
    private boolean all;
    private boolean cased;
    private boolean negated;
    private boolean before;
    private boolean after;
    private boolean encoded;
    private String kind = "match";
    private final StringBuilder regexFlags = new StringBuilder();

    private Modifiers(List<Object> values) {
        this.values = values;
    }

    static FieldTest read(String key, Object value) throws SigmaException {
        String[] parts = key.split("\\|", -1);
        FieldPath field = FieldPath.parse(parts[0]);
        List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(java.util.Collections.singletonList(value));
        if (values.isEmpty()) {
            throw new SigmaException("field '" + key + "' has an empty list of values");
        }
        if (values.contains(null) && values.size() > 1) {
            throw new SigmaException("field '" + key + "': null cannot be part of a list of values (make it its own selection)");
        }
        Modifiers m = new Modifiers(values);
        for (int i = 1; i < parts.length; i++) {
            m.apply(parts[i].toLowerCase(java.util.Locale.ROOT), key);
        }
        return new FieldTest(field, m.terms(key), m.all, m.cased, m.negated);
    }

    private void apply(String mod, String key) throws SigmaException {
        switch (mod) {
            case "contains" -> before = after = true;
            case "startswith" -> after = true;
            case "endswith" -> before = true;
            case "all" -> all = true;
            case "cased" -> cased = true;
            case "neq" -> negated = true;
            case "exists", "fieldref", "cidr", "re", "lt", "lte", "gt", "gte" -> kind = mod;
            case "i", "m", "s" -> {
                if (!kind.equals("re")) {
                    throw new SigmaException("field '" + key + "': '" + mod + "' is a sub-modifier of 're' and must follow it");
                }
                regexFlags.append(mod);
            }
            case "windash" -> windash(key);
            case "base64" -> base64(false);
            case "base64offset" -> base64(true);
            case "wide", "utf16le" -> encode(StandardCharsets.UTF_16LE, key);
            case "utf16be" -> encode(StandardCharsets.UTF_16BE, key);
            case "utf16" -> encode(StandardCharsets.UTF_16, key);
            case "expand" -> throw new SigmaException("field '" + key + "': modifier 'expand' needs placeholder values, "
                    + "which trailsift has no configuration for");
            default -> throw new SigmaException(TIME.contains(mod)
                    ? "field '" + key + "': time modifier '" + mod + "' is not supported"
                    : "field '" + key + "': unknown modifier '" + mod + "'");
        }
    }

    private List<Term> terms(String key) throws SigmaException {
        if (values.stream().anyMatch(v -> v instanceof byte[])) {
            throw new SigmaException("field '" + key + "': UTF-16 values are bytes, which CloudTrail's JSON text never "
                    + "holds; follow utf16/wide with base64 or base64offset");
        }
        List<Term> out = new ArrayList<>();
        for (Object v : values) {
            out.add(term(v, key));
        }
        return out;
    }

    private Term term(Object v, String key) throws SigmaException {
        if (v == null) {
            if (!kind.equals("match")) {
                throw new SigmaException("field '" + key + "': null cannot be used with '" + kind + "'");
            }
            return new Term.IsNull();
        }
        String text = text(v);
        switch (kind) {
            case "exists":
                if (!(v instanceof Boolean b)) {
                    throw new SigmaException("field '" + key + "': exists takes true or false");
                }
                return new Term.Exists(b);
            case "re":
                try {
                    Pattern.compile(text);
                } catch (RuntimeException e) {
                    throw new SigmaException("field '" + key + "': not a regular expression: " + text);
                }
                return new Term.Regex(regexFlags.isEmpty() ? text : "(?" + regexFlags + ")" + text);
            case "fieldref":
                Wildcard.Shape shape = before && after ? Wildcard.Shape.CONTAINS : before ? Wildcard.Shape.SUFFIX
                        : after ? Wildcard.Shape.PREFIX : Wildcard.Shape.EXACT;
                return new Term.SameAs(FieldPath.parse(text), shape);
            case "cidr":
                return cidr(text, key);
            case "lt", "lte", "gt", "gte":
                try {
                    return new Term.Compare(kind, new BigDecimal(text));
                } catch (NumberFormatException e) {
                    throw new SigmaException("field '" + key + "': '" + kind + "' takes a number, not '" + text + "'");
                }
            default:
                Wildcard w = encoded ? Wildcard.literal(text) : Wildcard.parse(text);
                return new Term.Match(w.wrapped(before, after));
        }
    }

    private static String text(Object v) {
        return v instanceof String s ? s : String.valueOf(v);
    }

    /** An IPv4 range, read as the command line's address filters read one. */
    private static Term cidr(String text, String key) throws SigmaException {
        try {
            AddressRange r = AddressRange.parse(text.contains("/") ? text : text + "/");
            if (r.isIpv6Range()) {
                // the compiled rule is one SQL query; IPv6 ranges are tested in Java (pivot/Ipv6Prefix)
                throw new SigmaException("field '" + key + "': '" + text + "': IPv6 ranges are not supported in Sigma rules");
            }
            return new Term.Cidr(r.first(), r.last());
        } catch (IllegalArgumentException e) {
            throw new SigmaException("field '" + key + "': " + e.getMessage());
        }
    }

    /** Every spelling of the value with each dash-like character as any of the others. */
    private void windash(String key) throws SigmaException {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            String s = text(v);
            long dashes = s.chars().filter(c -> DASHES.indexOf(c) >= 0).count();
            if (dashes > MAX_DASHES) {
                throw new SigmaException("field '" + key + "': windash on a value with more than " + MAX_DASHES + " dashes");
            }
            List<String> variants = new ArrayList<>(List.of(""));
            for (char c : s.toCharArray()) {
                List<String> next = new ArrayList<>();
                for (String prefix : variants) {
                    if (DASHES.indexOf(c) >= 0) {
                        DASHES.chars().forEach(d -> next.add(prefix + (char) d));
                    } else {
                        next.add(prefix + c);
                    }
                }
                variants = next;
            }
            out.addAll(variants);
        }
        values = out;
    }

    private void encode(java.nio.charset.Charset charset, String key) throws SigmaException {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(plain(v, key).getBytes(charset));
        }
        values = out;
    }

    /**
     * Base64 of each value; with {@code offset}, the three forms the value takes inside a longer
     * encoded text (it may start at any of the three byte positions of a base64 group), cut to
     * the characters that do not depend on its neighbours.
     */
    private void base64(boolean offset) throws SigmaException {
        List<Object> out = new ArrayList<>();
        Base64.Encoder enc = Base64.getEncoder();
        for (Object v : values) {
            byte[] bytes = v instanceof byte[] b ? b : plain(v, "base64").getBytes(StandardCharsets.UTF_8);
            if (!offset) {
                out.add(enc.encodeToString(bytes));
                continue;
            }
            int[] starts = {0, 2, 3};
            int[] endCut = {0, 3, 2};
            for (int i = 0; i < 3; i++) {
                byte[] shifted = new byte[bytes.length + i];
                java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
                System.arraycopy(bytes, 0, shifted, i, bytes.length);
                String e = enc.encodeToString(shifted);
                int cut = endCut[(bytes.length + i) % 3];
                out.add(e.substring(starts[i], e.length() - cut));
            }
        }
        values = out;
        encoded = true;
    }

    /** The value's characters, for an encoding: wildcards have no meaning inside encoded bytes. */
    private String plain(Object v, String key) throws SigmaException {
        if (v instanceof byte[]) {
            throw new SigmaException("field '" + key + "': a value can be encoded once only");
        }
        Wildcard w = Wildcard.parse(text(v));
        return w.plain().orElseThrow(() -> new SigmaException("field '" + key + "': wildcards cannot be encoded"));
    }
}

package io.trailsift.sigma;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sigma's detection semantics written a second time, over a Jackson tree of one CloudTrail
 * record and with Java strings and regular expressions: the reference the compiled SQL is checked
 * against. It shares only the parsed rule with the compiler, none of its SQL or of the store.
 */
final class TreeEvaluator {
    private TreeEvaluator() {
    }

    static boolean matches(Detection d, JsonNode record) {
        return holds(d, d.condition(), record);
    }

    private static boolean holds(Detection d, Condition c, JsonNode record) {
        if (c instanceof Condition.Ref r) {
            return d.selections().get(r.name()).stream()
                    .anyMatch(alt -> alt.stream().allMatch(t -> holds(t, record)));
        }
        if (c instanceof Condition.Not n) {
            return !holds(d, n.inner(), record);
        }
        if (c instanceof Condition.And a) {
            return a.parts().stream().allMatch(p -> holds(d, p, record));
        }
        return ((Condition.Or) c).parts().stream().anyMatch(p -> holds(d, p, record));
    }

    private static boolean holds(FieldTest t, JsonNode record) {
        List<JsonNode> raw = values(t.field(), record);
        List<String> texts = raw.stream().map(TreeEvaluator::text).toList();
        if (t.negated()) {
            return texts.stream().anyMatch(v -> v != null) && t.terms().stream().noneMatch(x -> holds(x, raw, texts, t.cased(), record));
        }
        return t.all() ? t.terms().stream().allMatch(x -> holds(x, raw, texts, t.cased(), record))
                : t.terms().stream().anyMatch(x -> holds(x, raw, texts, t.cased(), record));
    }

    private static boolean holds(Term term, List<JsonNode> raw, List<String> texts, boolean cased, JsonNode record) {
        if (term instanceof Term.IsNull) {
            return texts.stream().allMatch(v -> v == null);
        }
        if (term instanceof Term.Exists e) {
            return !raw.isEmpty() == e.present();
        }
        return texts.stream().filter(v -> v != null).anyMatch(v -> valueHolds(term, v, cased, record));
    }

    private static boolean valueHolds(Term term, String v, boolean cased, JsonNode record) {
        if (term instanceof Term.Match m) {
            int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return Pattern.compile(m.value().javaRegex(), flags).matcher(v).matches();
        }
        if (term instanceof Term.Regex r) {
            return Pattern.compile(r.pattern()).matcher(v).find();
        }
        if (term instanceof Term.Compare c) {
            double x;
            try {
                x = Double.parseDouble(v.strip());
            } catch (NumberFormatException e) {
                return false;
            }
            int cmp = Double.compare(x, c.value().doubleValue());
            return switch (c.operator()) {
                case "lt" -> cmp < 0;
                case "lte" -> cmp <= 0;
                case "gt" -> cmp > 0;
                default -> cmp >= 0;
            };
        }
        if (term instanceof Term.Cidr c) {
            if (!v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                return false;
            }
            long n = 0;
            for (String octet : v.split("\\.")) {
                n = n * 256 + Long.parseLong(octet);
            }
            return n >= c.first() && n <= c.last();
        }
        Term.SameAs s = (Term.SameAs) term;
        String a = cased ? v : v.toLowerCase(Locale.ROOT);
        return values(s.other(), record).stream().map(TreeEvaluator::text).filter(w -> w != null)
                .map(w -> cased ? w : w.toLowerCase(Locale.ROOT)).anyMatch(b -> switch (s.shape()) {
                    case CONTAINS -> a.contains(b);
                    case PREFIX -> a.startsWith(b);
                    case SUFFIX -> a.endsWith(b);
                    default -> a.equals(b);
                });
    }

    /** The values at the path: each array on the way, and at the end, stands for its elements. */
    static List<JsonNode> values(FieldPath field, JsonNode record) {
        List<JsonNode> current = List.of(record);
        for (String name : field.names()) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                JsonNode child = node.isObject() ? node.get(name) : null;
                if (child != null && child.isArray()) {
                    child.forEach(next::add);
                } else if (child != null) {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    private static String text(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isContainerNode()) {
            return n.toString();
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? n.bigIntegerValue().toString() : String.valueOf(n.doubleValue());
        }
        return n.asText();
    }

}

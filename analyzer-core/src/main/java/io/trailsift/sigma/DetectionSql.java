package io.trailsift.sigma;

import java.util.List;

/**
 * A {@link Detection} as one boolean SQL expression over a row of {@code events}. Every test is
 * written so that it is true or false, never NULL, which keeps {@code not} meaning what Sigma
 * means. Text comparisons are case-insensitive (through {@code lower()} on both sides) unless the
 * field is {@code cased}. JSON fields go through the {@code sigma_*} helpers (see RuleHelpers):
 * a field holding an array matches when any element does.
 */
final class DetectionSql {
    private final Detection detection;

    private DetectionSql(Detection detection) {
        this.detection = detection;
    }

    static SqlText of(Detection detection) throws SigmaException {
        return new DetectionSql(detection).condition(detection.condition());
    }

    private SqlText condition(Condition c) throws SigmaException {
        if (c instanceof Condition.Ref r) {
            return alternatives(detection.selections().get(r.name()));
        }
        if (c instanceof Condition.Not n) {
            return new SqlText().add("NOT ").add(condition(n.inner()));
        }
        List<Condition> parts = c instanceof Condition.And a ? a.parts() : ((Condition.Or) c).parts();
        return joined(parts, c instanceof Condition.And ? " AND " : " OR ");
    }

    private SqlText joined(List<Condition> parts, String operator) throws SigmaException {
        SqlText out = new SqlText().add("(");
        for (int i = 0; i < parts.size(); i++) {
            out.add(i == 0 ? "" : operator).add(condition(parts.get(i)));
        }
        return out.add(")");
    }

    private static SqlText alternatives(List<List<FieldTest>> alternatives) throws SigmaException {
        SqlText out = new SqlText().add("(");
        for (int i = 0; i < alternatives.size(); i++) {
            out.add(i == 0 ? "" : " OR ").add("(");
            List<FieldTest> tests = alternatives.get(i);
            for (int j = 0; j < tests.size(); j++) {
                out.add(j == 0 ? "" : " AND ").add(test(tests.get(j)));
            }
            out.add(tests.isEmpty() ? "true" : "").add(")");
        }
        return out.add(")");
    }

    private static SqlText test(FieldTest t) throws SigmaException {
        FieldValues field = FieldValues.of(t.field());
        if (t.negated()) {
            return new SqlText().add("(").add(field.isNull()).add(" IS FALSE AND NOT ")
                    .add(anyTerm(field, t.terms(), t.cased())).add(")");
        }
        if (!t.all() || t.terms().size() == 1) {
            return anyTerm(field, t.terms(), t.cased());
        }
        SqlText out = new SqlText().add("(");
        for (int i = 0; i < t.terms().size(); i++) {
            out.add(i == 0 ? "" : " AND ").add(anyTerm(field, List.of(t.terms().get(i)), t.cased()));
        }
        return out.add(")");
    }

    /** Any of the terms holds: the value tests share one pass over the field's values. */
    private static SqlText anyTerm(FieldValues field, List<Term> terms, boolean cased) throws SigmaException {
        SqlText out = new SqlText().add("(");
        boolean first = true;
        List<Term> valueTerms = terms.stream().filter(t -> !(t instanceof Term.IsNull || t instanceof Term.Exists)).toList();
        if (!valueTerms.isEmpty()) {
            out.add(field.any(v -> valueTests(v, valueTerms, cased)));
            first = false;
        }
        for (Term t : terms) {
            if (t instanceof Term.IsNull) {
                out.add(first ? "" : " OR ").add(field.isNull());
                first = false;
            } else if (t instanceof Term.Exists e) {
                out.add(first ? "" : " OR ").add(e.present() ? "NOT " : "").add(field.absent());
                first = false;
            }
        }
        return out.add(")");
    }

    private static SqlText valueTests(String v, List<Term> terms, boolean cased) throws SigmaException {
        SqlText out = new SqlText();
        for (int i = 0; i < terms.size(); i++) {
            out.add(i == 0 ? "" : " OR ").add(valueTest(v, terms.get(i), cased));
        }
        return out;
    }

    private static SqlText valueTest(String v, Term term, boolean cased) throws SigmaException {
        if (term instanceof Term.Match m) {
            return match(v, m.value(), cased);
        }
        if (term instanceof Term.Regex r) {
            return new SqlText().add("regexp_matches(" + v + ", ").param(r.pattern()).add(")");
        }
        if (term instanceof Term.Compare c) {
            String op = switch (c.operator()) {
                case "lt" -> "<";
                case "lte" -> "<=";
                case "gt" -> ">";
                default -> ">=";
            };
            return new SqlText().add("TRY_CAST(" + v + " AS DOUBLE) " + op + " CAST(").param(c.value().toPlainString())
                    .add(" AS DOUBLE)");
        }
        if (term instanceof Term.Cidr r) {
            return new SqlText().add("sigma_ipv4(" + v + ") BETWEEN CAST(").param(String.valueOf(r.first()))
                    .add(" AS BIGINT) AND CAST(").param(String.valueOf(r.last())).add(" AS BIGINT)");
        }
        Term.SameAs s = (Term.SameAs) term;
        FieldValues other = FieldValues.of(s.other());
        String a = cased ? v : "lower(" + v + ")";
        return other.anyAs("w", w -> {
            String b = cased ? w : "lower(" + w + ")";
            return new SqlText().add(switch (s.shape()) {
                case CONTAINS -> "contains(" + a + ", " + b + ")";
                case PREFIX -> "starts_with(" + a + ", " + b + ")";
                case SUFFIX -> "ends_with(" + a + ", " + b + ")";
                default -> a + " = " + b;
            });
        });
    }

    /** One value against a Sigma value with wildcards, by the cheapest test its shape allows. */
    static SqlText match(String v, Wildcard w, boolean cased) {
        String col = cased ? v : "lower(" + v + ")";
        SqlText out = new SqlText();
        switch (w.shape()) {
            case ANYTHING -> out.add(v + " IS NOT NULL");
            case EXACT -> out.add(col + " = ").add(lowered(w.text(), cased));
            case PREFIX -> out.add("starts_with(" + col + ", ").add(lowered(w.text(), cased)).add(")");
            case SUFFIX -> out.add("ends_with(" + col + ", ").add(lowered(w.text(), cased)).add(")");
            case CONTAINS -> out.add("contains(" + col + ", ").add(lowered(w.text(), cased)).add(")");
            default -> out.add(v + (cased ? " LIKE " : " ILIKE ")).param(w.likePattern()).add(" ESCAPE '\\'");
        }
        return out;
    }

    private static SqlText lowered(String value, boolean cased) {
        SqlText p = new SqlText().param(value);
        return cased ? p : new SqlText().add("lower(").add(p).add(")");
    }
}

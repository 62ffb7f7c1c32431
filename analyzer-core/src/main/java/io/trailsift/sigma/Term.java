package io.trailsift.sigma;

import java.math.BigDecimal;

/**
 * One value of a selection's field after its modifiers: what one of the field's values must be.
 * A field with several values (an array in the record) matches a term when any of them does.
 */
public sealed interface Term permits Term.Match, Term.Regex, Term.IsNull, Term.Exists, Term.SameAs, Term.Compare,
        Term.Cidr {
    /** The value, with Sigma's wildcards. */
    record Match(Wildcard value) implements Term {
    }

    /** A regular expression found anywhere in the value; flags are written into it as {@code (?ims)}. */
    record Regex(String pattern) implements Term {
    }

    /** {@code field: null}: the field is absent, null, or an empty list. */
    record IsNull() implements Term {
    }

    /** {@code field|exists: true/false}: the field is present in the record (even when null) or not. */
    record Exists(boolean present) implements Term {
    }

    /** {@code fieldref}: the value equals (or, with {@code shape}, contains, starts or ends with) another field's. */
    record SameAs(FieldPath other, Wildcard.Shape shape) implements Term {
    }

    /** {@code lt}, {@code lte}, {@code gt}, {@code gte}: the value as a number against {@code value}. */
    record Compare(String operator, BigDecimal value) implements Term {
    }

    /** {@code cidr}: the value is an IPv4 address within [first, last] as numbers. */
    record Cidr(long first, long last) implements Term {
    }
}

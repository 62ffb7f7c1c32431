package io.trailsift.sigma;

import java.util.List;

/**
 * One {@code field|modifiers: values} entry of a selection. It holds when any term holds (every
 * term with {@code all}); with {@code neq}, when the field has a value and no term holds.
 * {@code cased} makes text comparisons case-sensitive (Sigma's default is insensitive).
 */
public record FieldTest(FieldPath field, List<Term> terms, boolean all, boolean cased, boolean negated) {
    public FieldTest {
        terms = List.copyOf(terms);
    }
}

package io.trailsift.sigma;

/**
 * The SQL that reads one field of an event, and tests over all of its values: a typed column
 * has at most one value; a JSON field has a list (an array anywhere on its path adds one value
 * per element), read with the {@code sigma_*} helpers (see RuleHelpers).
 */
final class FieldValues {
    /** A test over one value, written with the expression (or lambda variable) that holds it. */
    @FunctionalInterface
    interface ValueTest {
        SqlText on(String value) throws SigmaException;
    }

    private final CloudTrailFields.Access access;

    private FieldValues(CloudTrailFields.Access access) {
        this.access = access;
    }

    static FieldValues of(FieldPath field) throws SigmaException {
        return new FieldValues(CloudTrailFields.of(field));
    }

    /** True when {@code test} holds for any value of the field; false when none or no value. */
    SqlText any(ValueTest test) throws SigmaException {
        return anyAs("v", test);
    }

    /** {@link #any}, naming the lambda variable (tests nested in another field's test need their own). */
    SqlText anyAs(String variable, ValueTest test) throws SigmaException {
        if (access instanceof CloudTrailFields.Column c) {
            return new SqlText().add("coalesce(").add(test.on(c.expression())).add(", false)");
        }
        return new SqlText().add("(len(list_filter(" + texts() + ", lambda " + variable + ": ").add(test.on(variable))
                .add(")) > 0)");
    }

    /** The field's first value (a typed column's only one), for grouping and counting. */
    SqlText first() {
        if (access instanceof CloudTrailFields.Column c) {
            return new SqlText().add(c.expression());
        }
        return new SqlText().add("(" + texts() + ")[1]");
    }

    /** The field is absent, null, or only an empty list. */
    SqlText isNull() {
        if (access instanceof CloudTrailFields.Column c) {
            return new SqlText().add("(" + c.expression() + " IS NULL)");
        }
        return new SqlText().add("(len(list_filter(" + texts() + ", lambda v: v IS NOT NULL)) = 0)");
    }

    /** The field is not in the record (a JSON null is present; a typed column cannot tell null from absent). */
    SqlText absent() {
        if (access instanceof CloudTrailFields.Column c) {
            return new SqlText().add("(" + c.expression() + " IS NULL)");
        }
        return new SqlText().add("(len(" + raw() + ") = 0)");
    }

    private String texts() {
        return "list_transform(" + raw() + ", lambda x: sigma_text(x))";
    }

    /** The JSON values at the path; the key names are checked by {@link FieldPath} (no quote can reach here). */
    private String raw() {
        CloudTrailFields.Json j = (CloudTrailFields.Json) access;
        String sql = "sigma_expand(CAST(" + j.column() + " AS JSON))";
        for (String key : j.keys()) {
            sql = "sigma_step(" + sql + ", '$.\"" + key + "\"')";
        }
        return sql;
    }
}

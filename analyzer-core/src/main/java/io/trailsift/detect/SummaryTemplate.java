package io.trailsift.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finding's one-line summary: text with {@code {column}} placeholders, filled from the
 * finding's rows. A placeholder names a column of the rule's result or one of the values the
 * engine adds ({@code event_count}, {@code first_seen}, {@code last_seen}, {@code source_ips});
 * a column with several values across the finding's rows shows them all, comma-separated.
 */
final class SummaryTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

    private SummaryTemplate() {
    }

    /** Fails on a template whose braces would never be filled (a typo such as {Principal}). */
    static void check(String template) throws RuleLoader.InvalidRuleException {
        String stripped = PLACEHOLDER.matcher(template).replaceAll("");
        if (stripped.indexOf('{') >= 0 || stripped.indexOf('}') >= 0) {
            throw new RuleLoader.InvalidRuleException("summary has a brace that is not a {column} placeholder "
                    + "(lower-case column names only)");
        }
    }

    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Fills every placeholder with {@code values.apply(name)}; callers check the names exist first. */
    static String render(String template, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(values.apply(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

package io.trailsift.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a detection's condition: {@code and}, {@code or}, {@code not}, parentheses,
 * {@code 1 of x*} / {@code all of x*} / {@code 1 of them} / {@code all of them}, with the
 * specification's precedence (or, then and, then not, then "of", then brackets, from least to
 * most binding). Names are checked against the detection's search identifiers.
 */
final class ConditionParser {
    private static final Pattern TOKEN = Pattern.compile("\\s*(\\(|\\)|[^\\s()]+)");

    private final List<String> tokens;
    private final Set<String> names;
    private int at;

    private ConditionParser(List<String> tokens, Set<String> names) {
        this.tokens = tokens;
        this.names = names;
    }

    static Condition parse(String text, Set<String> names) throws SigmaException {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.lookingAt()) {
            tokens.add(m.group(1));
            m.region(m.end(), text.length());
        }
        if (!text.substring(m.regionStart()).isBlank() || tokens.isEmpty()) {
            throw new SigmaException("condition '" + text + "' is empty or unreadable");
        }
        ConditionParser p = new ConditionParser(tokens, names);
        Condition c = p.or();
        if (p.at < tokens.size()) {
            throw new SigmaException("condition '" + text + "': unexpected '" + tokens.get(p.at) + "'");
        }
        return c;
    }

    private Condition or() throws SigmaException {
        List<Condition> parts = new ArrayList<>(List.of(and()));
        while (next("or")) {
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    private Condition and() throws SigmaException {
        List<Condition> parts = new ArrayList<>(List.of(not()));
        while (next("and")) {
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
    }

    private Condition not() throws SigmaException {
        return next("not") ? new Condition.Not(not()) : primary();
    }

    private Condition primary() throws SigmaException {
        String t = take();
        if (t.equals("(")) {
            Condition inner = or();
            if (!next(")")) {
                throw new SigmaException("condition: missing ')'");
            }
            return inner;
        }
        if ((t.equals("1") || t.equalsIgnoreCase("all")) && next("of")) {
            return of(t.equals("1"), take());
        }
        if (t.matches("\\d+") && next("of")) {
            throw new SigmaException("condition: '" + t + " of' is not Sigma (only '1 of' and 'all of')");
        }
        if (!names.contains(t)) {
            throw new SigmaException("condition names '" + t + "', which the detection does not define");
        }
        return new Condition.Ref(t);
    }

    /** {@code 1 of} (any) or {@code all of} the identifiers matching {@code pattern}, or all but {@code _x} for {@code them}. */
    private Condition of(boolean any, String pattern) throws SigmaException {
        List<Condition> refs = new ArrayList<>();
        Pattern p = Pattern.compile(pattern.equals("them") ? "[^_].*"
                : String.join(".*", List.of(pattern.split("\\*", -1)).stream().map(Pattern::quote).toList()));
        names.stream().sorted().filter(n -> p.matcher(n).matches()).forEach(n -> refs.add(new Condition.Ref(n)));
        if (refs.isEmpty()) {
            throw new SigmaException("condition: '" + pattern + "' matches no search identifier");
        }
        return refs.size() == 1 ? refs.get(0) : any ? new Condition.Or(refs) : new Condition.And(refs);
    }

    private boolean next(String word) {
        if (at < tokens.size() && tokens.get(at).equalsIgnoreCase(word)) {
            at++;
            return true;
        }
        return false;
    }

    private String take() throws SigmaException {
        if (at >= tokens.size()) {
            throw new SigmaException("condition ends too early");
        }
        return tokens.get(at++);
    }
}

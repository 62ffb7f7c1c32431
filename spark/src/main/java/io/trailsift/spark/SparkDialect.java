package io.trailsift.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the DuckDB SQL of a rule into Spark SQL, for the constructs the shipped rules use where
 * Spark spells the same meaning differently: the JSON arrows ({@code x->>'$.a'} becomes
 * {@code get_json_object(x, '$.a')}), list literals ({@code ['a', 'b']} becomes
 * {@code array('a', 'b')}), lambdas ({@code lambda x: e} becomes {@code x -> e}), struct literals
 * ({@code {'k': v}} becomes {@code named_struct('k', v)}), {@code * EXCLUDE (a)} ({@code * EXCEPT (a)}),
 * the UNPIVOT statement ({@code UNPIVOT (q) ON a, b INTO NAME n VALUE v} becomes
 * {@code SELECT * FROM (q) UNPIVOT (v FOR n IN (a, b))}), and functions Spark has under another
 * name ({@link #RENAMED}). Everything else is left for Spark to read as
 * it is, helped by the bridge functions {@link SparkRuleHelpers} registers under DuckDB's names.
 *
 * <p>String literals, quoted identifiers and comments are copied untouched. A construct that has
 * no faithful Spark form (a list subscript, which DuckDB counts from 1 and Spark from 0; a JSON
 * arrow on an expression) is refused with {@link UntranslatableSql}, so that the rule is reported
 * as skipped instead of answering something else. The input is a rule file's SQL, never log content.
 */
final class SparkDialect {
    /** DuckDB function name to the Spark function of the same meaning and argument order. */
    static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("list_filter", "filter"), Map.entry("list_transform", "transform"),
            Map.entry("list_contains", "array_contains"), Map.entry("list_distinct", "array_distinct"),
            Map.entry("list_min", "array_min"), Map.entry("list_max", "array_max"),
            Map.entry("list_sort", "array_sort"), Map.entry("list_slice", "slice"),
            Map.entry("array_to_string", "array_join"), Map.entry("string_split", "split"),
            Map.entry("len", "size"), Map.entry("list", "collect_list"), Map.entry("unnest", "explode"),
            Map.entry("json_extract_string", "get_json_object"), Map.entry("json_extract", "get_json_object"),
            Map.entry("regexp_matches", "regexp"), Map.entry("starts_with", "startswith"),
            // bridges whose DuckDB name Spark already uses for another argument order or meaning
            Map.entry("ltrim", "duckdb_ltrim"), Map.entry("rtrim", "duckdb_rtrim"),
            Map.entry("regexp_replace", "duckdb_regexp_replace"));

    private static final Pattern IDENTIFIER_BEFORE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words after which '[' opens a list rather than indexing one. */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("select", "then", "else", "when", "and", "or",
            "not", "in", "as", "by", "is", "on", "where", "return", "case", "end", "distinct", "like", "having");
    private static final Pattern ORDERED_STRING_AGG = Pattern.compile(
            "string_agg\\(\\s*DISTINCT\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*,\\s*('[^']*')\\s+ORDER\\s+BY\\s+\\1\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    /** {@code ESCAPE '\'}: Spark's lexer reads the backslash as escaping the quote; it is Spark's default escape anyway. */
    private static final Pattern BACKSLASH_ESCAPE = Pattern.compile("(?i)\\s+ESCAPE\\s+'\\\\'");
    /** What follows the relation of DuckDB's UNPIVOT statement: the columns, and the names of the two it makes. */
    private static final Pattern UNPIVOT_ON = Pattern.compile("(?is)\\s+ON\\s+([A-Za-z_][A-Za-z0-9_]*(?:\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*)"
            + "\\s+INTO\\s+NAME\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+VALUE\\s+([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern STRUCT_FIELD = Pattern.compile("(?s)\\s*('(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_]*)\\s*:(.*)");
    private static final Pattern LIST_CAST = Pattern.compile("(?is)^(.*)\\s+AS\\s+VARCHAR\\s*\\[\\s*]\\s*$");

    private SparkDialect() {
    }

    /** A DuckDB construct with no faithful Spark form; the message says which. */
    static final class UntranslatableSql extends RuntimeException {
        UntranslatableSql(String message) {
            super(message);
        }
    }

    static String translate(String duckdb) {
        // string_agg(DISTINCT x, sep ORDER BY x): Spark orders no aggregate's input; a sorted set says the same
        String sql = ORDERED_STRING_AGG.matcher(duckdb).replaceAll("array_join(sort_array(collect_set($1)), $2)");
        sql = BACKSLASH_ESCAPE.matcher(sql).replaceAll("");
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = sql.length();
        // list literals open with "array(" and close with ")": a stack of which '[' opened which
        StringBuilder brackets = new StringBuilder();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = literalEnd(sql, i);
                out.append(literal(sql.substring(i, end)));
                i = end;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                if (end < 0) {
                    throw new UntranslatableSql("unterminated quoted identifier");
                }
                // a quoted identifier: Spark quotes identifiers with backticks
                out.append('`').append(sql, i + 1, end).append('`');
                i = end + 1;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("->", i)) {
                i = arrow(sql, i, out);
            } else if (c == '@' && sql.startsWith("@>", i)) {
                throw new UntranslatableSql("DuckDB's list containment operator @>");
            } else if (c == '{') {
                int end = closing(sql, i, '{', '}');
                out.append(namedStruct(structFields(sql.substring(i + 1, end))));
                i = end + 1;
            } else if (c == '[') {
                if (indexes(out)) {
                    throw new UntranslatableSql("list subscript (DuckDB counts from 1, Spark from 0)");
                }
                out.append("array(");
                brackets.append('[');
                i++;
            } else if (c == ']') {
                if (brackets.isEmpty()) {
                    throw new UntranslatableSql("unbalanced ']'");
                }
                brackets.setLength(brackets.length() - 1);
                out.append(')');
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                Matcher m = WORD.matcher(sql).region(i, n);
                m.lookingAt();
                String word = m.group();
                i = m.end();
                int open = skipSpace(sql, i);
                boolean call = open < n && sql.charAt(open) == '(';
                if (call && word.toLowerCase(java.util.Locale.ROOT).startsWith("json_extract")
                        && sql.substring(open, closing(sql, open)).contains("[*]")) {
                    throw new UntranslatableSql("a JSONPath wildcard read as a list (Spark's get_json_object returns a "
                            + "lone match unwrapped, not as a list of one)");
                }
                if (call && (word.equalsIgnoreCase("try_cast") || word.equalsIgnoreCase("cast"))
                        && LIST_CAST.matcher(sql.substring(open + 1, closing(sql, open))).matches()) {
                    // a JSON array's text as a list of text: Spark parses it, as DuckDB's cast does
                    Matcher cast = LIST_CAST.matcher(sql.substring(open + 1, closing(sql, open)));
                    cast.matches();
                    out.append("from_json(").append(translate(cast.group(1))).append(", 'array<string>')");
                    i = closing(sql, open) + 1;
                } else if (call && word.equalsIgnoreCase("count") && distinctOver(sql, open)) {
                    // count(DISTINCT x) OVER w: Spark has no distinct window aggregate; the size of the set is the count
                    int close = closing(sql, open);
                    int over = sql.indexOf('(', skipSpace(sql, close + 1));
                    int end = closing(sql, over);
                    String argument = sql.substring(open + 1, close).strip().substring("DISTINCT".length());
                    out.append("size(collect_set(").append(translate(argument)).append(") OVER ")
                            .append(translate(sql.substring(over, end + 1))).append(")");
                    i = end + 1;
                } else if (call && (word.equalsIgnoreCase("min") || word.equalsIgnoreCase("max"))
                        && isStructLiteral(sql.substring(open + 1, closing(sql, open)).strip())) {
                    int close = closing(sql, open);
                    out.append(extremeStruct(word, sql.substring(open + 1, close).strip()));
                    i = close + 1;
                } else if (call && word.equalsIgnoreCase("unpivot") && UNPIVOT_ON.matcher(sql).region(closing(sql, open) + 1, n).lookingAt()) {
                    // DuckDB's UNPIVOT statement: Spark spells it as the UNPIVOT clause of a query on the same relation
                    int close = closing(sql, open);
                    Matcher on = UNPIVOT_ON.matcher(sql).region(close + 1, n);
                    on.lookingAt();
                    out.append("SELECT * FROM ").append(translate(sql.substring(open, close + 1))).append(" UNPIVOT (")
                            .append(on.group(3)).append(" FOR ").append(on.group(2)).append(" IN (").append(on.group(1)).append("))");
                    i = on.end();
                } else if (word.equalsIgnoreCase("unpivot") && call) {
                    throw new UntranslatableSql("DuckDB's UNPIVOT statement other than ON columns INTO NAME n VALUE v");
                } else if (word.equalsIgnoreCase("exclude") && out.toString().stripTrailing().endsWith("*")) {
                    // * EXCLUDE (a, b): every column but those; Spark's word for it
                    out.append("EXCEPT");
                } else if (word.equalsIgnoreCase("materialized") && call) {
                    // AS [NOT] MATERIALIZED (...): a hint to DuckDB's planner; Spark plans CTEs itself
                    if (out.toString().stripTrailing().toLowerCase(java.util.Locale.ROOT).endsWith("not")) {
                        out.setLength(out.toString().stripTrailing().length() - 3);
                    }
                } else {
                    out.append(word(word, sql, i));
                    if (word.equalsIgnoreCase("lambda")) {
                        i = lambda(sql, i, out);
                    }
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** A field of a struct literal: its name as a Spark string literal, and its value as Spark SQL. */
    private record StructField(String key, String value) {
    }

    /** The fields of a struct literal's body ({@code 'k': v, ...}: names quoted or bare). */
    private static List<StructField> structFields(String body) {
        List<StructField> fields = new ArrayList<>();
        for (String entry : topLevelItems(body)) {
            Matcher m = STRUCT_FIELD.matcher(entry);
            if (!m.matches()) {
                throw new UntranslatableSql("a struct literal's field without a name");
            }
            String key = m.group(1).startsWith("'") ? literal(m.group(1)) : "'" + m.group(1) + "'";
            fields.add(new StructField(key, translate(m.group(2)).strip()));
        }
        return fields;
    }

    /**
     * {@code min({...})} or {@code max({...})}: the struct with the least (greatest) fields, compared
     * in order. DuckDB orders a NULL field after every value, Spark before: the struct is chosen by a
     * key that puts each field's NULL-ness before its value, so that both engines keep the same one.
     */
    private static String extremeStruct(String function, String literal) {
        List<StructField> fields = structFields(literal.substring(1, literal.length() - 1));
        List<StructField> key = fields.stream().map(f -> new StructField(f.key(),
                "named_struct('null', (" + f.value() + ") IS NULL, 'value', " + f.value() + ")")).toList();
        return function + "_by(" + namedStruct(fields) + ", " + namedStruct(key) + ")";
    }

    private static String namedStruct(List<StructField> fields) {
        return "named_struct(" + String.join(", ", fields.stream().map(f -> f.key() + ", " + f.value()).toList()) + ")";
    }

    private static boolean isStructLiteral(String expression) {
        return expression.startsWith("{") && closing(expression, 0, '{', '}') == expression.length() - 1;
    }

    /** The comma-separated items of {@code text} outside brackets and literals. */
    private static List<String> topLevelItems(String text) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                i = literalEnd(text, i) - 1;
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(text.substring(start, i));
                start = i + 1;
            }
        }
        items.add(text.substring(start));
        return items;
    }

    /** A word of the SQL: a renamed function when a call follows, VARCHAR as STRING, else itself. */
    private static String word(String word, String sql, int after) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        int next = skipSpace(sql, after);
        boolean call = next < sql.length() && sql.charAt(next) == '(';
        // JSON, as a type: a JSON value is its text on Spark (a call, json(x), is another word)
        if (lower.equals("varchar") || lower.equals("json") && !call) {
            return "STRING";
        }
        if (lower.equals("lambda")) {
            return "";
        }
        if (call && RENAMED.containsKey(lower)) {
            return RENAMED.get(lower);
        }
        return word;
    }

    /** {@code lambda x: body} becomes {@code x -> body}; {@code i} is just after the keyword. */
    private static int lambda(String sql, int i, StringBuilder out) {
        int colon = sql.indexOf(':', i);
        if (colon < 0) {
            throw new UntranslatableSql("lambda without ':'");
        }
        String params = sql.substring(i, colon).strip();
        out.append(params.contains(",") ? "(" + params + ")" : params).append(" ->");
        return colon + 1;
    }

    /**
     * A chain of JSON arrows after an identifier: {@code x->'$.a'->>'b'} becomes
     * {@code get_json_object(x, '$.a.b')}. Spark's function returns text for both arrows (DuckDB's
     * {@code ->} returns JSON, whose strings keep their quotes), which the rules only compare and
     * read as text.
     */
    private static int arrow(String sql, int i, StringBuilder out) {
        Matcher m = IDENTIFIER_BEFORE.matcher(out);
        if (!m.find()) {
            throw new UntranslatableSql("JSON arrow on an expression");
        }
        String target = m.group(1);
        out.setLength(m.start());
        StringBuilder path = new StringBuilder("$");
        while (sql.startsWith("->", i)) {
            i += sql.startsWith("->>", i) ? 3 : 2;
            i = skipSpace(sql, i);
            if (i >= sql.length() || sql.charAt(i) != '\'') {
                throw new UntranslatableSql("JSON arrow without a literal path");
            }
            int end = literalEnd(sql, i);
            String p = sql.substring(i + 1, end - 1);
            path.append(p.startsWith("$") ? p.substring(1) : "." + p);
            i = skipSpace(sql, end);
        }
        out.append("get_json_object(").append(target).append(", '").append(path).append("') ");
        return i;
    }

    /**
     * A DuckDB string literal for Spark, whose session reads literals raw (no backslash escapes,
     * as DuckDB): a doubled quote inside becomes a double-quoted literal.
     */
    private static String literal(String quoted) {
        String text = quoted.substring(1, quoted.length() - 1).replace("''", "'");
        if (!text.contains("'")) {
            return quoted;
        }
        if (text.contains("\"")) {
            throw new UntranslatableSql("a literal with both quote characters");
        }
        return "\"" + text + "\"";
    }

    /** Whether a '[' after this text indexes what precedes it (a name, a call) rather than opening a list. */
    private static boolean indexes(CharSequence out) {
        String before = out.toString().stripTrailing();
        if (before.isEmpty() || before.endsWith(")") || before.endsWith("]")) {
            return !before.isEmpty();
        }
        Matcher word = Pattern.compile("([A-Za-z0-9_]+)$").matcher(before);
        return word.find() && !KEYWORDS.contains(word.group(1).toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the call opening at {@code open} is {@code (DISTINCT ...)} followed by OVER (...). */
    private static boolean distinctOver(String sql, int open) {
        if (!sql.substring(open + 1).stripLeading().regionMatches(true, 0, "DISTINCT ", 0, 9)) {
            return false;
        }
        int after = skipSpace(sql, closing(sql, open) + 1);
        return sql.regionMatches(true, after, "OVER", 0, 4) && sql.indexOf('(', after) == skipSpace(sql, after + 4);
    }

    /** The index of the ')' closing the '(' at {@code open}, string literals skipped. */
    private static int closing(String sql, int open) {
        return closing(sql, open, '(', ')');
    }

    /** The index of the {@code close} closing the {@code opening} at {@code open}, string literals skipped. */
    private static int closing(String sql, int open, char opening, char close) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = literalEnd(sql, i) - 1;
            } else if (c == opening) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        throw new UntranslatableSql("unbalanced '" + opening + "'");
    }

    private static int literalEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new UntranslatableSql("unterminated string literal");
    }

    private static int skipSpace(String sql, int i) {
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}

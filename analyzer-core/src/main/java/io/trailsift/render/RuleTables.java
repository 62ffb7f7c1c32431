package io.trailsift.render;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.trailsift.detect.Rule;
import io.trailsift.detect.Tactic;
import io.trailsift.store.RowSet;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The loaded rules: as rows in the machine formats and the terminal table; in Markdown, as the
 * catalogue the README shows, grouped under a bold heading row per tactic.
 */
public final class RuleTables {
    private static final List<String> COLUMNS = List.of("id", "severity", "attack", "title", "source", "tactic");

    private RuleTables() {
    }

    public static void write(List<Rule> rules, TableFormat format, Screen screen, Writer out) {
        write(rules, format, false, screen, out);
    }

    /** {@code withSql}: a last column with each rule's SQL and its bound values (Markdown keeps the catalogue). */
    public static void write(List<Rule> rules, TableFormat format, boolean withSql, Screen screen, Writer out) {
        if (format == TableFormat.MD && !withSql) {
            catalogue(rules, out instanceof PrintWriter p ? p : new PrintWriter(out));
            return;
        }
        List<List<Object>> rows = rules.stream().map(r -> {
            List<Object> row = new ArrayList<>(Arrays.<Object>asList(r.id(), r.severity().label(), r.attack(),
                    r.title(), r.source(), r.tactic().map(Tactic::folder).orElse(null)));
            if (withSql) {
                row.add(sqlText(r));
            }
            return row;
        }).toList();
        List<String> columns = new ArrayList<>(COLUMNS);
        if (withSql) {
            columns.add("sql");
        }
        TableWriter.write(new RowSet(columns, rows), format, screen, out);
    }

    /**
     * The rule's SQL, then one comment line per bound value ({@code -- ?1 = "..."}, JSON-quoted so
     * that a value never spans lines or reads as SQL).
     */
    static String sqlText(Rule rule) {
        StringBuilder b = new StringBuilder(rule.sql().strip());
        for (int i = 0; i < rule.parameters().size(); i++) {
            b.append("\n-- ?").append(i + 1).append(" = \"")
                    .append(JsonStringEncoder.getInstance().quoteAsString(rule.parameters().get(i))).append('"');
        }
        return b.toString();
    }

    /** The tactics in their order, then the user's rules, which have none; a group without rules is left out. */
    /**
     * One rule in full, as a responder reads it before trusting a finding: what it looks for
     * (description), what to do (response), where it comes from (references, file) and its SQL,
     * one field per row so that long texts stay whole.
     */
    public static void writeOne(Rule rule, TableFormat format, Writer out) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("id", rule.id()));
        rows.add(List.of("title", rule.title()));
        rows.add(List.of("severity", rule.severity().label()));
        rows.add(List.of("attack", String.join(", ", rule.attack())));
        rows.add(List.of("tactic", rule.tactic().map(Tactic::folder).orElse("")));
        rows.add(List.of("source", rule.source()));
        rows.add(List.of("description", rule.description().strip()));
        rows.add(List.of("response", rule.response().strip()));
        rows.add(List.of("references", String.join(" ", rule.references())));
        rows.add(List.of("summary", rule.summary().orElse("")));
        rows.add(List.of("sql", sqlText(rule)));
        if (format != TableFormat.TABLE) {
            TableWriter.write(new RowSet(List.of("field", "value"), rows), format, out);
            return;
        }
        // On a terminal the texts are printed whole, each under its field's name: a table cell
        // would cut the description and the SQL at 80 characters.
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        for (List<Object> row : rows) {
            String value = String.valueOf(row.get(1));
            if (value.contains("\n") || value.length() > 60) {
                w.println(row.get(0) + ":");
                value.lines().forEach(line -> w.println("  " + Escape.terminal(line)));
            } else {
                w.println(row.get(0) + ": " + Escape.terminal(value));
            }
        }
        w.flush();
    }

    private static void catalogue(List<Rule> rules, PrintWriter w) {
        w.print("| id | severity | ATT&CK | what it catches |\n|---|---|---|---|\n");
        for (Tactic t : Tactic.values()) {
            group(t.title(), rules.stream().filter(r -> r.tactic().equals(Optional.of(t))).toList(), w);
        }
        group("User rules", rules.stream().filter(r -> r.tactic().isEmpty()).toList(), w);
        w.flush();
    }

    private static void group(String heading, List<Rule> rules, PrintWriter w) {
        if (rules.isEmpty()) {
            return;
        }
        w.print("| **" + Escape.markdown(heading) + "** | | | |\n");
        for (Rule r : rules) {
            w.print("| `" + Escape.markdown(r.id()) + "` | " + Escape.markdown(r.severity().label()) + " | "
                    + Escape.markdown(String.join(", ", r.attack())) + " | " + Escape.markdown(r.title()) + " |\n");
        }
    }
}

package io.trailsift.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailsift.json.JsonFields;
import io.trailsift.store.RowSet;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows in every row format, each value neutralised for its medium by {@link Escape}.
 * JSON and JSON lines keep values typed (numbers, booleans, lists, null; times as UTC ISO-8601).
 */
public final class TableWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_TABLE_CELL = 80;

    private TableWriter() {
    }

    public static void write(RowSet rows, TableFormat format, Writer out) {
        write(rows, format, out, "(" + rows.rows().size() + " row" + (rows.rows().size() == 1 ? "" : "s") + ")");
    }

    /** {@link #write}, with {@code footer} (our own text, not escaped) under a table instead of its row count. */
    static void write(RowSet rows, TableFormat format, Writer out, String footer) {
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        switch (format) {
            case TABLE -> table(rows, w, footer);
            case JSON -> json(rows, w, false);
            case JSONL -> json(rows, w, true);
            case CSV -> csv(rows, w);
            case MD -> markdown(rows, w);
        }
        w.flush();
    }

    /** One generator for all rows: a generator per row cost much of a long timeline's output time. */
    private static void json(RowSet rows, PrintWriter w, boolean lines) {
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            if (!lines) {
                g.writeStartArray();
            }
            for (List<Object> row : rows.rows()) {
                JsonFields.object(g, rows.columns(), row);
                if (lines) {
                    g.writeRaw('\n');
                }
            }
            if (!lines) {
                g.writeEndArray();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void csv(RowSet rows, PrintWriter w) {
        w.print(csvLine(new ArrayList<>(rows.columns())));
        for (List<Object> row : rows.rows()) {
            w.print(csvLine(row));
        }
    }

    private static String csvLine(List<?> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Escape.csvCell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    private static void markdown(RowSet rows, PrintWriter w) {
        w.print("| " + String.join(" | ", rows.columns().stream().map(Escape::markdown).toList()) + " |\n");
        w.print("|" + "---|".repeat(rows.columns().size()) + "\n");
        for (List<Object> row : rows.rows()) {
            w.print("| " + String.join(" | ", row.stream().map(Escape::markdown).toList()) + " |\n");
        }
    }

    private static void table(RowSet rows, PrintWriter w, String footer) {
        int n = rows.columns().size();
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[n];
        String[] header = rows.columns().toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            width[i] = header[i].length();
        }
        for (List<Object> row : rows.rows()) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                c[i] = Escape.tableCell(row.get(i), MAX_TABLE_CELL);
                width[i] = Math.max(width[i], c[i].length());
            }
            cells.add(c);
        }
        w.print(tableLine(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i > 0 ? "  " : "").append("-".repeat(width[i]));
        }
        w.print(rule.append('\n'));
        for (String[] c : cells) {
            w.print(tableLine(c, width));
        }
        w.print(footer + "\n");
    }

    private static String tableLine(String[] c, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(c[i]);
            if (i < c.length - 1) {
                sb.append(" ".repeat(width[i] - c[i].length()));
            }
        }
        return sb.append('\n').toString();
    }
}

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

    private TableWriter() {
    }

    /** Rows with no width limit: for files and documents. */
    public static void write(RowSet rows, TableFormat format, Writer out) {
        write(rows, format, Screen.UNLIMITED, out);
    }

    /** Rows; a table laid out to fit {@code screen}. */
    public static void write(RowSet rows, TableFormat format, Screen screen, Writer out) {
        write(rows, format, screen, out, "(" + rows.rows().size() + " row" + (rows.rows().size() == 1 ? "" : "s") + ")");
    }

    /** {@link #write}, with {@code footer} (our own text, not escaped) under a table instead of its row count. */
    static void write(RowSet rows, TableFormat format, Screen screen, Writer out, String footer) {
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        switch (format) {
            case TABLE -> table(rows, w, footer, screen);
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

    private static void table(RowSet rows, PrintWriter w, String footer, Screen screen) {
        int n = rows.columns().size();
        String[] header = rows.columns().toArray(String[]::new);
        int[] natural = new int[n];
        for (int i = 0; i < n; i++) {
            natural[i] = TableFit.width(header[i]);
        }
        List<String[]> cells = new ArrayList<>();
        for (List<Object> row : rows.rows()) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                c[i] = Escape.terminal(Escape.text(row.get(i)));
                natural[i] = Math.max(natural[i], TableFit.width(c[i]));
            }
            cells.add(c);
        }
        if (cells.size() == 1 && !TableFit.fits(natural, screen)) {
            oneRow(header, cells.get(0), w, screen);
            return;
        }
        TableFit.Layout layout = TableFit.fit(header, natural, screen);
        int severity = rows.columns().indexOf("severity");
        String[] titles = new String[layout.shown().length];
        for (int k = 0; k < titles.length; k++) {
            titles[k] = TableFit.cutEnd(header[layout.shown()[k]], layout.width()[k]);
        }
        w.print(tableLine(titles, layout, -1, false));
        StringBuilder rule = new StringBuilder();
        for (int k = 0; k < titles.length; k++) {
            rule.append(k > 0 ? " ".repeat(TableFit.GAP) : "").append("-".repeat(layout.width()[k]));
        }
        w.print(rule.append('\n'));
        for (String[] c : cells) {
            String[] shown = new String[titles.length];
            for (int k = 0; k < shown.length; k++) {
                shown[k] = TableFit.cutMiddle(c[layout.shown()[k]], layout.width()[k]);
            }
            w.print(tableLine(shown, layout, severity, screen.colour()));
        }
        w.print(TableFit.cutEnd(footer, screen.columns()) + "\n");
        if (!layout.hidden().isEmpty()) {
            w.print(TableFit.cutEnd("(--wide shows all columns; hidden to fit " + screen.columns() + ": "
                    + String.join(", ", layout.hidden()) + ")", screen.columns()) + "\n");
        }
    }

    /**
     * A single row too wide for the screen (an overview), one "column  value" line each instead
     * of a table with columns left out: nothing is hidden and long values are cut in the middle.
     */
    private static void oneRow(String[] header, String[] values, PrintWriter w, Screen screen) {
        int name = 0;
        for (String h : header) {
            name = Math.max(name, TableFit.width(h));
        }
        for (int i = 0; i < header.length; i++) {
            w.print(header[i] + " ".repeat(name - TableFit.width(header[i]) + TableFit.GAP)
                    + TableFit.cutMiddle(values[i], Math.max(TableFit.GAP, screen.columns() - name - TableFit.GAP)) + "\n");
        }
    }

    /** One line; with {@code colour}, the severity cell (column {@code severity}, -1 for none) coloured after padding. */
    private static String tableLine(String[] c, TableFit.Layout layout, int severity, boolean colour) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < c.length; k++) {
            if (k > 0) {
                sb.append(" ".repeat(TableFit.GAP));
            }
            String cell = c[k];
            if (k < c.length - 1) {
                cell += " ".repeat(Math.max(0, layout.width()[k] - TableFit.width(c[k])));
            }
            sb.append(colour && layout.shown()[k] == severity ? SeverityColour.paint(c[k], cell) : cell);
        }
        return sb.append('\n').toString();
    }
}

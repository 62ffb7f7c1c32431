package io.trailsift.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link RowSet}. Values come from logs an attacker wrote, so every format neutralises
 * what could act on the reader's side: CSV cells that a spreadsheet would run as a formula are
 * prefixed with a quote, Markdown cells have pipes and markup escaped, and the table view
 * replaces control characters (terminal escape sequences) with visible placeholders.
 */
public final class RowWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_TABLE_CELL = 80;

    private RowWriter() {
    }

    public static void write(RowSet rows, RowFormat format, Writer out) {
        PrintWriter w = out instanceof PrintWriter p ? p : new PrintWriter(out);
        switch (format) {
            case TABLE -> table(rows, w);
            case JSON -> json(rows, w, false);
            case JSONL -> json(rows, w, true);
            case CSV -> csv(rows, w);
            case MD -> markdown(rows, w);
        }
        w.flush();
    }

    /** One generator for all rows: a generator per row was a third of a 33k-row timeline's output time. */
    private static void json(RowSet rows, PrintWriter w, boolean lines) {
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            if (!lines) {
                g.writeStartArray();
            }
            for (List<Object> row : rows.rows()) {
                writeObject(g, rows.columns(), row);
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

    private static void writeObject(JsonGenerator g, List<String> columns, List<Object> row) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            g.writeFieldName(columns.get(i));
            writeValue(g, row.get(i));
        }
        g.writeEndObject();
    }

    /** One row as a JSON object, values typed as they are (numbers, booleans, null, strings). */
    public static String jsonObject(List<String> columns, List<Object> row) throws IOException {
        java.io.StringWriter sw = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            writeObject(g, columns, row);
        }
        return sw.toString();
    }

    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
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
            sb.append(csvCell(cells.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    /** RFC 4180 quoting, plus the OWASP advice against CSV injection for text cells. */
    public static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = text(v);
        if (v instanceof String && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void markdown(RowSet rows, PrintWriter w) {
        w.print("| " + String.join(" | ", rows.columns().stream().map(RowWriter::mdCell).toList()) + " |\n");
        w.print("|" + "---|".repeat(rows.columns().size()) + "\n");
        for (List<Object> row : rows.rows()) {
            w.print("| " + String.join(" | ", row.stream().map(RowWriter::mdCell).toList()) + " |\n");
        }
    }

    /** A Markdown table cell that cannot break the table or smuggle links, HTML or code spans. */
    public static String mdCell(Object v) {
        if (v == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : text(v).toCharArray()) {
            if (c == '\n' || c == '\r') {
                sb.append(' ');
            } else if ("\\|`*_[]<>#!~".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void table(RowSet rows, PrintWriter w) {
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
                c[i] = tableCell(row.get(i));
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
        w.print("(" + rows.rows().size() + " row" + (rows.rows().size() == 1 ? "" : "s") + ")\n");
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

    /** Terminal-safe: control characters (ESC sequences included) become U+FFFD, long values are cut. */
    public static String tableCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = text(v);
        if (s.length() > MAX_TABLE_CELL) {
            return terminalSafe(s.substring(0, MAX_TABLE_CELL - 1)) + '…';
        }
        return terminalSafe(s);
    }

    /** The whole value, with control characters (ESC sequences included) replaced by U+FFFD. */
    public static String terminalSafe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    private static String text(Object v) {
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }
}

package io.trailsift.render;

import io.trailsift.store.RowSet;

import java.io.PrintWriter;
import java.util.Locale;

/** A document for a terminal: upper-case underlined headings, aligned tables, indented code. */
final class TextStyle implements DocumentStyle {
    private final PrintWriter w;

    TextStyle(PrintWriter w) {
        this.w = w;
    }

    @Override
    public void title(String prefix, Object value) {
        w.println(prefix.toUpperCase(Locale.ROOT) + inline(value));
    }

    @Override
    public void paragraph(String text) {
        w.println(text);
    }

    @Override
    public void heading(int level, String title) {
        w.println();
        String shown = Escape.terminal(title.toUpperCase(Locale.ROOT));
        w.println(shown);
        w.println("=".repeat(shown.length()));
    }

    @Override
    public void bullet(String text) {
        w.println("  " + text);
    }

    @Override
    public void checkbox(String text) {
        w.println("[ ] " + text);
    }

    @Override
    public void warning(String text) {
        w.println("    WARNING: " + text);
    }

    @Override
    public String inline(Object value) {
        return Escape.terminal(Escape.text(value));
    }

    @Override
    public void table(RowSet rows) {
        TableWriter.write(rows, TableFormat.TABLE, w);
    }

    @Override
    public void code(String language, String text) {
        text.lines().forEach(l -> w.println("    " + Escape.terminal(l)));
    }

    @Override
    public void flush() {
        w.flush();
    }
}

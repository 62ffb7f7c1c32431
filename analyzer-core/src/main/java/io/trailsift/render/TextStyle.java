package io.trailsift.render;

import io.trailsift.store.RowSet;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A document for a terminal: upper-case underlined headings, aligned tables, indented code. On a
 * screen of limited width, paragraphs and bullets are wrapped (a path in them is never cut),
 * checklist items and code lines (the lineage tree) cut at its edge, tables fitted.
 */
final class TextStyle implements DocumentStyle {
    private final PrintWriter w;
    private final Screen screen;

    TextStyle(PrintWriter w) {
        this(w, Screen.UNLIMITED);
    }

    TextStyle(PrintWriter w, Screen screen) {
        this.w = w;
        this.screen = screen;
    }

    @Override
    public void title(String prefix, Object value) {
        item(prefix.toUpperCase(Locale.ROOT) + inline(value));
    }

    @Override
    public void paragraph(String text) {
        wrapped(text, "  ");
    }

    /** {@code text}, wrapped at spaces to the screen's width, its next lines after {@code indent}. */
    private void wrapped(String text, String indent) {
        if (!screen.limited() || TableFit.width(text) <= screen.columns()) {
            w.println(text);
            return;
        }
        int words = 0;
        while (words < text.length() && text.charAt(words) == ' ') {
            words++;
        }
        StringBuilder line = new StringBuilder(text.substring(0, words));
        int start = line.length();
        for (String word : text.substring(words).split(" ")) {
            if (line.length() > start && TableFit.width(line + " " + word) > screen.columns()) {
                w.println(line);
                line.setLength(0);
                line.append(indent);
                start = line.length();
            } else if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        w.println(line);
    }

    /** A line of a list: cut at the screen's edge, its start saying what it is. */
    private void item(String text) {
        w.println(screen.limited() ? TableFit.cutEnd(text, screen.columns()) : text);
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
        wrapped("  " + text, "      ");
    }

    @Override
    public void checkbox(String text) {
        item("[ ] " + text);
    }

    @Override
    public void warning(String text) {
        item("    WARNING: " + text);
    }

    @Override
    public String inline(Object value) {
        return Escape.terminal(Escape.text(value));
    }

    @Override
    public void table(RowSet rows) {
        TableWriter.write(rows, TableFormat.TABLE, screen, w);
    }

    @Override
    public void code(String language, String text) {
        text.lines().forEach(l -> item("    " + Escape.terminal(l)));
    }

    @Override
    public void flush() {
        w.flush();
    }
}

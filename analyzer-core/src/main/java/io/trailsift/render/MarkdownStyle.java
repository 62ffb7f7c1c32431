package io.trailsift.render;

import io.trailsift.store.RowSet;

import java.io.PrintWriter;

/**
 * A Markdown document: values escaped so they cannot add markup, links or HTML, and code blocks
 * fenced with more backticks than any run inside them, so the text cannot close its block.
 */
final class MarkdownStyle implements DocumentStyle {
    private final PrintWriter w;

    MarkdownStyle(PrintWriter w) {
        this.w = w;
    }

    @Override
    public void title(String prefix, Object value) {
        w.println("# " + prefix + inline(value));
    }

    @Override
    public void paragraph(String text) {
        w.println(text);
    }

    @Override
    public void heading(int level, String title) {
        w.println();
        w.println("#".repeat(level) + " " + Escape.markdown(title));
    }

    @Override
    public void bullet(String text) {
        w.println("- " + text);
    }

    @Override
    public void checkbox(String text) {
        w.println("- [ ] " + text);
    }

    @Override
    public void warning(String text) {
        w.println("  - **Warning:** " + text);
    }

    @Override
    public String inline(Object value) {
        return Escape.markdown(value);
    }

    @Override
    public void table(RowSet rows) {
        TableWriter.write(rows, TableFormat.MD, w);
    }

    @Override
    public void code(String language, String text) {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        w.println(fence + language);
        text.stripTrailing().lines().forEach(l -> w.println(Escape.terminal(l)));
        w.println(fence);
    }

    @Override
    public void flush() {
        w.flush();
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}

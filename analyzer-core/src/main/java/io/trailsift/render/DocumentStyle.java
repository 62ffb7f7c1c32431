package io.trailsift.render;

import io.trailsift.store.RowSet;

import java.util.List;

/**
 * How a document looks in one medium: the investigation is written once, against this, and each
 * medium (terminal text, Markdown, next HTML) escapes values and lays out blocks its own way.
 */
interface DocumentStyle {
    /** The document's title (the value in it is escaped). */
    void title(String prefix, Object value);

    /** A paragraph of text already made safe with {@link #inline}. */
    void paragraph(String text);

    void heading(int level, String title);

    /** One item of a list, text already made safe with {@link #inline}. */
    void bullet(String text);

    /** One item of a checklist, text already made safe with {@link #inline}. */
    void checkbox(String text);

    /** A caution about the item above, text already made safe with {@link #inline}. */
    void warning(String text);

    /** A value from the logs made safe for running text. */
    String inline(Object value);

    void table(RowSet rows);

    /** Text shown as it is (a tree, commands); {@code language} names it for highlighters. */
    void code(String language, String text);

    /** Whether this medium shows pictures (the lineage tree, the activity chart). */
    default boolean draws() {
        return false;
    }

    /**
     * An SVG picture trailsift drew, every value in it already escaped by {@link Escape#html};
     * shown only where {@link #draws}.
     */
    default void picture(String svg) {
    }

    /**
     * The events of the appendix, with a filter on each of {@code filterColumns} where the medium
     * can run one; elsewhere a plain table.
     */
    default void filteredTable(RowSet rows, List<String> filterColumns) {
        table(rows);
    }

    void flush();
}

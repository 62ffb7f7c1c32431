package io.trailsift.render;

import io.trailsift.store.RowSet;

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

    void flush();
}

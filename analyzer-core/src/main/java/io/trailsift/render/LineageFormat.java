package io.trailsift.render;

import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/** The forms a lineage is shown in: a tree for the terminal, the JSON shape, and two diagram languages. */
public enum LineageFormat {
    TEXT, JSON, DOT, MERMAID;

    public static LineageFormat parse(String s) {
        // the names every other command takes: table is what a person reads (the tree), jsonl what
        // a program reads (the one JSON object, on one line)
        if (s.equalsIgnoreCase("table")) {
            return TEXT;
        }
        if (s.equalsIgnoreCase("jsonl")) {
            return JSON;
        }
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (text or table, json or jsonl, dot, mermaid)");
        }
    }

    public void write(Lineage lineage, Writer out) {
        write(lineage, Screen.UNLIMITED, out);
    }

    /** The lineage; the tree fitted to {@code screen} (the other forms are for programs and files). */
    public void write(Lineage lineage, Screen screen, Writer out) {
        switch (this) {
            case TEXT -> LineageText.write(lineage, screen, out, LineageText.Detail.FULL);
            case DOT -> LineageDiagram.write(lineage, LineageDiagram.Style.DOT, out);
            case MERMAID -> LineageDiagram.write(lineage, LineageDiagram.Style.MERMAID, out);
            case JSON -> {
                try {
                    LineageJson.write(lineage, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}

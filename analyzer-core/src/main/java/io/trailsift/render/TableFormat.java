package io.trailsift.render;

import java.util.Locale;

/** The row formats every command that prints rows accepts. */
public enum TableFormat {
    TABLE, JSON, JSONL, CSV, MD;

    public static TableFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (table, json, jsonl, csv, md)");
        }
    }

    /** JSON or JSON lines: for programs rather than people. */
    public boolean isJson() {
        return this == JSON || this == JSONL;
    }
}

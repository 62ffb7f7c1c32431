package io.trailsift.report;

import java.util.Locale;

/** The row formats every command that prints rows accepts. */
public enum RowFormat {
    TABLE, JSON, JSONL, CSV, MD;

    public static RowFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (table, json, jsonl, csv, md)");
        }
    }
}

package io.trailsift.cli;

import java.util.Locale;

/**
 * {@code --format timesketch} on {@code timeline} and {@code hunt}: JSONL for Timesketch's importer.
 * Kept beside {@link FormatOption}, whose table formats every command shares.
 */
final class Timesketchable {
    static final String NAME = "timesketch";

    private Timesketchable() {
    }

    static boolean asked(FormatOption format) {
        return format.format != null && format.format.strip().toLowerCase(Locale.ROOT).equals(NAME);
    }
}

package io.trailsift.cli;

import io.trailsift.report.RowFormat;
import picocli.CommandLine.Option;

/** {@code --format}: table on a terminal, JSON lines when the output goes to a program. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json, jsonl, csv or md (default: table on a terminal, else jsonl)")
    String format;

    RowFormat resolve() {
        if (format != null) {
            return RowFormat.parse(format);
        }
        return System.console() != null ? RowFormat.TABLE : RowFormat.JSONL;
    }
}

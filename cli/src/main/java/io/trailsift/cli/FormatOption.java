package io.trailsift.cli;

import io.trailsift.render.TableFormat;
import picocli.CommandLine.Option;

/** {@code --format}: table on a terminal, JSON lines when the output goes to a program. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json, jsonl, csv or md (default: table on a terminal, else jsonl)")
    String format;

    TableFormat resolve() {
        if (format != null) {
            return TableFormat.parse(format);
        }
        return System.console() != null ? TableFormat.TABLE : TableFormat.JSONL;
    }
}

package io.trailsift.cli;

import io.trailsift.render.Screen;
import io.trailsift.render.TableFormat;
import io.trailsift.store.StoreOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --format} (and {@code --wide}): a table fitted to the terminal for people, JSON lines for programs. */
final class FormatOption {
    /** The default format when none is given, e.g. table even into a pager. */
    private static final String DEFAULT_FORMAT = "TRAILSIFT_FORMAT";

    private final Environment env;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json, jsonl, csv or md (default: $TRAILSIFT_FORMAT, else table on a terminal and "
                    + "jsonl when the output goes to a program)")
    String format;

    @Mixin
    Display display;

    FormatOption(Environment env) {
        this.env = env;
    }

    TableFormat resolve() {
        if (format != null) {
            return TableFormat.parse(format);
        }
        return env.variable(DEFAULT_FORMAT).map(TableFormat::parse)
                .orElse(env.terminal() ? TableFormat.TABLE : TableFormat.JSONL);
    }

    Screen screen() {
        return display.screen(resolve() == TableFormat.TABLE);
    }

    StoreOptions storeOptions() {
        TableFormat f = resolve();
        return display.storeOptions(f == TableFormat.TABLE || f == TableFormat.MD);
    }
}

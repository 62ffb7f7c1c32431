package io.trailsift.cli;

import io.trailsift.render.Screen;
import io.trailsift.store.StoreOptions;
import io.trailsift.store.UserAgents;
import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code --wide}, and what the terminal allows: how wide a table may be, colour, user agents whole or as their client. */
final class Display {
    /** Set by the launcher from the terminal; read as a shell exports it. */
    private static final String COLUMNS = "COLUMNS";
    /** https://no-color.org: when set, no colour. */
    private static final String NO_COLOR = "NO_COLOR";
    /** A terminal of unknown width is taken to be this wide. */
    private static final int TERMINAL_COLUMNS = 80;

    private final Environment env;

    @Option(names = "--wide", description = "Tables as wide as their longest value and user agents whole, instead of "
            + "fitted to the terminal ($COLUMNS) with each agent shown as its client (tool, OS, language).")
    boolean wide;

    Display(Environment env) {
        this.env = env;
    }

    boolean terminal() {
        return env.terminal();
    }

    /**
     * Where a table for people goes: the terminal's width ($COLUMNS, which the launcher sets, or
     * 80 on a terminal), no limit with --wide or when neither is known (a file); colour only on a
     * terminal, without NO_COLOR, and not TERM=dumb. Anything but a table: no limit, no colour.
     */
    Screen screen(boolean table) {
        if (wide || !table) {
            return Screen.UNLIMITED;
        }
        boolean colour = env.terminal() && env.variable(NO_COLOR).isEmpty()
                && !env.variable("TERM").orElse("").equals("dumb");
        Optional<Integer> columns = env.variable(COLUMNS).flatMap(Display::number)
                .or(() -> env.terminal() ? Optional.of(TERMINAL_COLUMNS) : Optional.empty());
        return new Screen(columns.orElse(Integer.MAX_VALUE), colour);
    }

    /** Whole user agents for programs, spreadsheets and --wide; their client form where people read. */
    StoreOptions storeOptions(boolean forPeople) {
        return StoreOptions.defaults().withUserAgents(forPeople && !wide ? UserAgents.CLIENT : UserAgents.WHOLE);
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip())).filter(n -> n > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package io.trailsift.render;

import java.io.PrintWriter;

/**
 * One line for the person at the terminal, on stderr: an error, a warning, a note. Messages often
 * carry values from the logs or from DuckDB errors about them (a rule failing on a crafted value),
 * so each is made terminal-safe and kept to one line.
 */
public final class Notice {
    /** An error message longer than this is cut; the full text is in the log values, not here. */
    private static final int MAX_LENGTH = 2000;

    private Notice() {
    }

    public static void print(PrintWriter err, String message) {
        err.println("trailsift: " + Escape.terminal(message, MAX_LENGTH));
        err.flush();
    }
}

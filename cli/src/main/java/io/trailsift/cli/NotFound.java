package io.trailsift.cli;

import io.trailsift.render.Notice;

import java.io.PrintWriter;
import java.util.List;

/** Says on stderr that a lookup matched nothing, with what the store holds that is close. */
final class NotFound {
    private NotFound() {
    }

    static void report(PrintWriter err, String what, List<String> nearest) {
        Notice.print(err, what + (nearest.isEmpty() ? "" : "; did you mean " + String.join(", ", nearest) + "?"));
    }
}

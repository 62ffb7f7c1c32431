package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One command line run through {@link Main#run}, with what it printed on stdout and stderr. */
record CliRun(int exit, String out, String err) {

    /** A run as a program would make it: output to a pipe, no terminal variables (whatever the test's own shell has). */
    static CliRun of(String... args) {
        return in(new Environment(java.util.Map.of(), false), args);
    }

    /** A run in {@code env}: e.g. on a terminal of a given width. */
    static CliRun in(Environment env, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(env, args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}

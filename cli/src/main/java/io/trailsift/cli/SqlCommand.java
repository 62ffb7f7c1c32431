package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.TableWriter;
import io.trailsift.store.RowSet;
import io.trailsift.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sql", description = "Run a read-only SQL query against the store (tables: events, objects, findings). "
        + "The query sees the store alone: no file or network access (save rows with --format csv > file).")
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY",
            description = "SQL, e.g. \"SELECT event_name, count(*) FROM events GROUP BY 1\"; - reads it from standard input.")
    String query;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the query from FILE (for long queries).")
    Path file;

    /** The user's query failed or was refused: its own exit code, as the command itself was fine. */
    static final class QueryFailed extends RuntimeException {
        QueryFailed(StoreException cause) {
            super("the query failed: " + cause.reason(), cause);
        }
    }

    @Override
    public Integer call() throws Exception {
        String sql = text();
        RowSet rows;
        try (Case c = store.openReadOnly(spec.commandLine().getErr())) {
            try {
                rows = c.sql(sql);
            } catch (StoreException e) {
                throw new QueryFailed(e);
            }
        }
        TableWriter.write(rows, format.resolve(), format.screen(), spec.commandLine().getOut());
        return Main.OK;
    }

    private String text() throws IOException {
        if ((query == null) == (file == null)) {
            throw new ParameterException(spec.commandLine(), "give the query as QUERY, as - (standard input) or with --file, once");
        }
        if (file != null) {
            return Files.readString(file);
        }
        if (query.equals("-")) {
            try (InputStream in = System.in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return query;
    }
}

package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "sql", description = "Run a read-only SQL query against the store (tables: events, objects, findings).")
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "QUERY", description = "SQL, e.g. \"SELECT event_name, count(*) FROM events GROUP BY 1\"")
    String query;

    @Override
    public Integer call() throws Exception {
        try (Case c = store.openReadOnly(spec.commandLine().getErr())) {
            TableWriter.write(c.sql(query), format.resolve(), spec.commandLine().getOut());
        }
        return Main.OK;
    }
}

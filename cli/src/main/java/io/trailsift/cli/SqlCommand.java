package io.trailsift.cli;

import io.trailsift.report.RowWriter;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
        try (EventStore es = EventStore.openReadOnly(store.db)) {
            RowWriter.write(StoreStats.query(es, query), format.resolve(), spec.commandLine().getOut());
        }
        return Main.OK;
    }
}

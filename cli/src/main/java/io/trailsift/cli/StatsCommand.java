package io.trailsift.cli;

import io.trailsift.report.RowSet;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stats", description = "Counts by account, region, day and service; time range; damaged objects.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        Map<String, RowSet> sections;
        try (EventStore es = EventStore.openReadOnly(store.db)) {
            sections = StoreStats.of(es);
        }
        Sections.write(sections, format.resolve(), spec.commandLine().getOut());
        return Main.OK;
    }
}

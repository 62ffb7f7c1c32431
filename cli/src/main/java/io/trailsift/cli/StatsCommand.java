package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.Sections;
import io.trailsift.store.RowSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
        try (Case c = store.openReadOnly(spec.commandLine().getErr())) {
            sections = c.stats();
        }
        Sections.write(sections, format.resolve(), spec.commandLine().getOut());
        return Main.OK;
    }
}

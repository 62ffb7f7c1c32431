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

@Command(name = "stats", description = "What the store holds: time range; counts by account, region, day, service and "
        + "identity type; damaged objects; and, to choose whom to look at when the alert named nobody, the top "
        + "principals, source IPs, event names and error codes, console sign-ins, and principals and IPs first seen "
        + "in the last day of the logs.")
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
        Sections.write(sections, format.resolve(), format.screen(), spec.commandLine().getOut());
        return Main.OK;
    }
}

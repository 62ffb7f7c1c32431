package io.trailsift.cli;

import io.trailsift.pivot.IpPivot;
import io.trailsift.report.RowSet;
import io.trailsift.report.RowWriter;
import io.trailsift.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "ip", description = "Every principal and key seen from a source IP, with first/last times and counts.")
final class IpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "Source IP address (or the service name AWS logs).")
    String address;

    @Override
    public Integer call() throws Exception {
        RowSet rows;
        try (EventStore es = EventStore.openReadOnly(store.db)) {
            rows = IpPivot.of(es, address.strip());
        }
        RowWriter.write(rows, format.resolve(), spec.commandLine().getOut());
        return Main.OK;
    }
}

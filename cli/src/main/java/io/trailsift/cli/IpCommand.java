package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.TableWriter;
import io.trailsift.store.RowSet;
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
        try (Case c = store.openReadOnly(spec.commandLine().getErr())) {
            rows = c.ip(address.strip());
        }
        TableWriter.write(rows, format.resolve(), spec.commandLine().getOut());
        return Main.OK;
    }
}

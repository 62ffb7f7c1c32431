package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.pivot.AddressRange;
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

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "Source IP address (or the service name AWS logs), or a range: 198.51.100.0/24, 2001:db8::/32.")
    String address;

    @Override
    public Integer call() throws Exception {
        AddressRange addresses = AddressArgument.parse(spec, "ADDRESS", address);
        RowSet rows;
        try (Case c = store.openReadOnly(spec.commandLine().getErr(), format.storeOptions())) {
            rows = c.ip(addresses);
            if (rows.rows().isEmpty()) {
                NotFound.report(spec.commandLine().getErr(), "no call from " + addresses.text() + " in " + store.db,
                        addresses.range() ? java.util.List.of() : c.nearest(Case.NameKind.ADDRESS, addresses.text()));
                return Main.NOT_FOUND;
            }
        }
        TableWriter.write(rows, format.resolve(), format.screen(), spec.commandLine().getOut());
        return Main.OK;
    }
}

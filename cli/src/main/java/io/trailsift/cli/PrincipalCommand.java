package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.pivot.PrincipalWindow;
import io.trailsift.render.Sections;
import io.trailsift.store.RowSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "principal", description = "Pivot summary of a principal: keys, source IPs, user agents, regions, "
        + "accounts, APIs succeeded and failed; with --window-start, what was new in the window.")
final class PrincipalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Mixin
    NowOption now;

    @Parameters(index = "0", paramLabel = "ARN-OR-NAME",
            description = "A user, role or session ARN, or a user, role or session name (a role matches its sessions).")
    String principal;

    @Option(names = "--window-start", paramLabel = "TIME",
            description = "Start of the window to compare with everything before it (UTC; or relative to the store's newest event: 2d).")
    String windowStart;

    @Option(names = "--window-end", paramLabel = "TIME", description = "End of the window (default: open).")
    String windowEnd;

    @Override
    public Integer call() throws Exception {
        if (windowEnd != null && windowStart == null) {
            throw new ParameterException(spec.commandLine(), "--window-end needs --window-start");
        }
        Map<String, RowSet> sections;
        try (Case c = store.openReadOnly(spec.commandLine().getErr(), format.storeOptions())) {
            Instant reference = now.of(c);
            Optional<PrincipalWindow> window = Optional.ofNullable(windowStart).map(s -> new PrincipalWindow(
                    TimeArgument.parse(s, reference), Optional.ofNullable(windowEnd).map(e -> TimeArgument.parse(e, reference))));
            sections = c.principal(principal, window);
            if (((Number) sections.get("overview").rows().get(0).get(0)).longValue() == 0) {
                NotFound.report(spec.commandLine().getErr(), "no user, role or session named " + principal.strip()
                        + " in " + store.db, c.nearest(Case.NameKind.PRINCIPAL, principal.strip()));
                return Main.NOT_FOUND;
            }
        }
        Sections.write(sections, format.resolve(), format.screen(), spec.commandLine().getOut());
        return Main.OK;
    }
}

package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.render.Notice;
import io.trailsift.render.TableWriter;
import io.trailsift.render.Timesketch;
import io.trailsift.store.RowSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "timeline", description = "Events in time order, filtered; --key K --follow gives the events of K "
        + "and of every credential it issued, each tagged with its depth in the lineage and its parent key. "
        + "--format timesketch: JSONL for Timesketch's importer, each event tagged with its lineage path.")
final class TimelineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Option(names = "--key", paramLabel = "ACCESS_KEY_ID", description = "Events made with this key.")
    String key;

    @Option(names = "--follow", description = "With --key: also the events of every credential the key issued.")
    boolean follow;

    @Option(names = "--principal", paramLabel = "ARN-OR-NAME",
            description = "A user, role or session ARN, or a user, role or session name (a role matches its sessions).")
    String principal;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "Source IP address (or service name), or an IPv4 range: 198.51.100.0/24.")
    String ip;

    @Option(names = "--event", paramLabel = "NAME", split = ",", description = "Event names (comma-separated or repeated).")
    List<String> events = List.of();

    @Option(names = "--since", paramLabel = "TIME", description = "At or after TIME (UTC; or relative to the store's newest event: 30d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before TIME (UTC; or relative to the store's newest event).")
    String until;

    @Option(names = "--errors-only", description = "Only calls that failed (errorCode set).")
    boolean errorsOnly;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100000",
            description = "At most N rows, oldest first (default: ${DEFAULT-VALUE}).")
    long limit;

    @Override
    public Integer call() throws Exception {
        if (follow && key == null) {
            throw new ParameterException(spec.commandLine(), "--follow needs --key");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        TimelineFilter filter = TimelineFilter.none().withErrorsOnly(errorsOnly).withLimit(limit);
        if (key != null) {
            filter = filter.withKey(AccessKeyArgument.parse(spec, "--key", key), follow);
        }
        if (principal != null) {
            filter = filter.withPrincipal(principal);
        }
        if (ip != null) {
            filter = filter.withIp(AddressArgument.parse(spec, "--ip", ip));
        }
        List<TimelineRow> rows;
        try (Case c = store.openReadOnly(spec.commandLine().getErr())) {
            Instant now = TimeArgument.storeNow(c);
            Optional<Instant> from = Optional.ofNullable(since).map(s -> TimeArgument.parse(s, now));
            Optional<Instant> to = Optional.ofNullable(until).map(s -> TimeArgument.parse(s, now));
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw new ParameterException(spec.commandLine(), "--since " + since + " is not before --until " + until);
            }
            filter = filter.within(from, to);
            // event names are matched whatever their case: a typed name stands for the store's spellings
            List<String> names = new ArrayList<>();
            for (String typed : events) {
                List<String> spelled = c.eventNamesSpelled(typed.strip());
                if (spelled.isEmpty()) {
                    NotFound.report(spec.commandLine().getErr(), "no event named " + typed.strip() + " in " + store.db,
                            c.nearest(Case.NameKind.EVENT_NAME, typed.strip()));
                    return Main.NOT_FOUND;
                }
                names.addAll(spelled);
            }
            rows = c.timeline(filter.withEvents(names));
        }
        if (Timesketchable.asked(format)) {
            Timesketch.timeline(rows, spec.commandLine().getOut());
        } else {
            TableWriter.write(new RowSet(TimelineRow.COLUMNS, rows.stream().map(TimelineRow::values).toList()),
                    format.resolve(), spec.commandLine().getOut());
        }
        if (rows.size() == limit) {
            Notice.print(spec.commandLine().getErr(), "stopped at --limit " + limit
                    + " rows; narrow the filters or raise --limit to see the rest");
        }
        return Main.OK;
    }
}

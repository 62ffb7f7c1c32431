package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.pivot.TimelineFilter;
import io.trailsift.pivot.TimelinePage;
import io.trailsift.pivot.TimelineRow;
import io.trailsift.render.Notice;
import io.trailsift.render.TableFormat;
import io.trailsift.render.TableWriter;
import io.trailsift.render.Timesketch;
import io.trailsift.store.RowSet;
import io.trailsift.store.StoreOptions;
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

    @Mixin
    NowOption now;

    @Option(names = "--key", paramLabel = "ACCESS_KEY_ID", description = "Events made with this key.")
    String key;

    @Option(names = "--follow", description = "With --key: also the events of every credential the key issued.")
    boolean follow;

    @Option(names = "--principal", paramLabel = "ARN-OR-NAME",
            description = "A user, role or session ARN, or a user, role or session name (a role matches its sessions).")
    String principal;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "Source IP address (or service name), or a range: 198.51.100.0/24, 2001:db8::/32.")
    String ip;

    @Option(names = "--event", paramLabel = "NAME", split = ",", description = "Event names (comma-separated or repeated).")
    List<String> events = List.of();

    @Option(names = "--since", paramLabel = "TIME", description = "At or after TIME (UTC; or relative to the store's newest event: 30d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before TIME (UTC; or relative to the store's newest event).")
    String until;

    @Option(names = "--errors-only", description = "Only calls that failed (errorCode set).")
    boolean errorsOnly;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most N rows, oldest first (default: " + TERMINAL_ROWS + " in a table on a terminal, "
                    + "else " + PROGRAM_ROWS + ").")
    Long limit;

    @Option(names = "--detail", description = "A detail column: the request parameters in one short line "
            + "(bucketName=... key=..., secretId=..., instanceType=... minCount=...).")
    boolean detail;

    /** A screenful or a few: a terminal is for reading, the full timeline is for a file or a program. */
    private static final long TERMINAL_ROWS = 200;
    private static final long PROGRAM_ROWS = 100_000;

    @Override
    public Integer call() throws Exception {
        if (follow && key == null) {
            throw new ParameterException(spec.commandLine(), "--follow needs --key");
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        boolean timesketch = Timesketchable.asked(format);
        TableFormat shape = timesketch ? TableFormat.JSONL : format.resolve();
        long rowsAtMost = limit != null ? limit
                : shape == TableFormat.TABLE && format.display.terminal() ? TERMINAL_ROWS : PROGRAM_ROWS;
        TimelineFilter filter = TimelineFilter.none().withErrorsOnly(errorsOnly).withLimit(rowsAtMost).withDetail(detail);
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
        long total;
        try (Case c = store.openReadOnly(spec.commandLine().getErr(),
                timesketch ? StoreOptions.defaults() : format.storeOptions())) {
            Instant reference = now.of(c);
            Optional<Instant> from = Optional.ofNullable(since).map(s -> TimeArgument.parse(s, reference));
            Optional<Instant> to = Optional.ofNullable(until).map(s -> TimeArgument.parse(s, reference));
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
            filter = filter.withEvents(names);
            TimelinePage page = c.timelinePage(filter);
            rows = page.rows();
            total = page.total();
        }
        if (timesketch) {
            Timesketch.timeline(rows, spec.commandLine().getOut());
        } else {
            TableWriter.write(detail
                            ? new RowSet(TimelineRow.COLUMNS_WITH_DETAIL, rows.stream().map(TimelineRow::valuesWithDetail).toList())
                            : new RowSet(TimelineRow.COLUMNS, rows.stream().map(TimelineRow::values).toList()),
                    shape, format.screen(), spec.commandLine().getOut());
        }
        if (total > rows.size()) {
            Notice.print(spec.commandLine().getErr(), "showing the first " + rows.size() + " of " + total
                    + " events: --limit " + total + " for all of them, or --format csv > timeline.csv; "
                    + "or narrow with --since, --until, --event, --errors-only");
        }
        return Main.OK;
    }
}

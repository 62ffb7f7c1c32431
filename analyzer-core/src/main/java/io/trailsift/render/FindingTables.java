package io.trailsift.render;

import io.trailsift.detect.Finding;
import io.trailsift.detect.FindingJson;
import io.trailsift.store.RowSet;

import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/** Findings in every row format: the full Finding shape for programs and CSV, a readable subset for people. */
public final class FindingTables {
    /** What fits a terminal or a Markdown page: the event ids are in the full formats. */
    private static final List<String> COMPACT = List.of("severity", "rule", "first_seen", "last_seen", "principal_arn",
            "source_ips", "events", "summary");

    private FindingTables() {
    }

    public static void write(List<Finding> findings, TableFormat format, Writer out) {
        boolean full = format.isJson() || format == TableFormat.CSV;
        List<List<Object>> rows = findings.stream().map(f -> full ? FindingJson.values(f) : compact(f)).toList();
        TableWriter.write(new RowSet(full ? FindingJson.FIELDS : COMPACT, rows), format, out);
    }

    private static List<Object> compact(Finding f) {
        return Arrays.asList(f.severity().label(), f.rule(), f.firstSeen(), f.lastSeen(), f.principalArn().orElse(null),
                f.sourceIps(), (long) f.eventIds().size(), f.summary());
    }
}

package io.trailsift.detect;

import io.trailsift.report.RowFormat;
import io.trailsift.report.RowSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Findings as rows for {@link io.trailsift.report.RowWriter}. */
public final class FindingRows {
    /** The architecture's Finding JSON fields, in order. */
    static final List<String> FULL = List.of("rule", "title", "severity", "attack", "first_seen", "last_seen",
            "account_id", "principal_arn", "access_key_id", "source_ips", "event_ids", "summary");
    /** What fits a terminal or a Markdown page: the event ids are in the full formats. */
    static final List<String> COMPACT = List.of("severity", "rule", "first_seen", "last_seen", "principal_arn",
            "source_ips", "events", "summary");

    private FindingRows() {
    }

    /** JSON, JSON lines and CSV get every Finding field; the table and Markdown get a readable subset. */
    public static RowSet of(List<Finding> findings, RowFormat format) {
        boolean full = format == RowFormat.JSON || format == RowFormat.JSONL || format == RowFormat.CSV;
        List<List<Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(full ? fullRow(f) : compactRow(f));
        }
        return new RowSet(full ? FULL : COMPACT, rows);
    }

    private static List<Object> fullRow(Finding f) {
        return Arrays.asList(f.rule(), f.title(), f.severity().label(), f.attack(), f.firstSeen().toString(),
                f.lastSeen().toString(), f.accountId().orElse(null), f.principalArn().orElse(null),
                f.accessKeyId().orElse(null), f.sourceIps(), f.eventIds(), f.summary());
    }

    private static List<Object> compactRow(Finding f) {
        return Arrays.asList(f.severity().label(), f.rule(), f.firstSeen().toString(), f.lastSeen().toString(),
                f.principalArn().orElse(null), f.sourceIps(), (long) f.eventIds().size(), f.summary());
    }
}

package io.trailsift.detect;

import io.trailsift.json.JsonFields;

import java.util.Arrays;
import java.util.List;

/**
 * The Finding shape other tools parse ({@code hunt --format jsonl}, one object per finding):
 * {@code {"rule","title","severity","attack":[…],"first_seen","last_seen","account_id",
 * "principal_arn","access_key_id","source_ips":[…],"event_ids":[…],"summary"}}, times UTC
 * ISO-8601 with Z, absent values null. Keep it exact.
 */
public final class FindingJson {
    /** The fields, in order. */
    public static final List<String> FIELDS = List.of("rule", "title", "severity", "attack", "first_seen", "last_seen",
            "account_id", "principal_arn", "access_key_id", "source_ips", "event_ids", "summary");

    private FindingJson() {
    }

    /** The values of {@link #FIELDS} for one finding, as {@link JsonFields#value} writes them. */
    public static List<Object> values(Finding f) {
        return Arrays.asList(f.rule(), f.title(), f.severity().label(), f.attack(), f.firstSeen(), f.lastSeen(),
                f.accountId().orElse(null), f.principalArn().orElse(null), f.accessKeyId().orElse(null), f.sourceIps(),
                f.eventIds(), f.summary());
    }
}

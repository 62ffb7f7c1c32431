package io.trailsift.pivot;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One event of a timeline. {@link #COLUMNS} and {@link #values()} are the timeline row shape other
 * tools parse ({@code timeline --format jsonl}); keep them exact. {@code accountId} is the account
 * that logged the event; {@code depth} and {@code viaKey} (the credential's depth in the lineage
 * of the followed key, and the key that issued it) are present only when a key's lineage is followed.
 */
public record TimelineRow(Optional<Instant> eventTime, String eventId, Optional<String> accountId,
                          Optional<String> awsRegion, Optional<String> eventSource, Optional<String> eventName,
                          Optional<String> principalArn, Optional<String> accessKeyId, Optional<String> sourceIp,
                          Optional<String> userAgent, Optional<String> errorCode, Optional<Boolean> readOnly,
                          Optional<Integer> depth, Optional<String> viaKey, Optional<String> detail) {
    public static final List<String> COLUMNS = List.of("event_time", "event_id", "account_id", "aws_region",
            "event_source", "event_name", "principal_arn", "access_key_id", "source_ip", "user_agent",
            "error_code", "read_only", "depth", "via_key");

    /** {@link #COLUMNS} and, after them, {@code detail}: what {@code timeline --detail} prints. */
    public static final List<String> COLUMNS_WITH_DETAIL = java.util.stream.Stream.concat(COLUMNS.stream(),
            java.util.stream.Stream.of("detail")).toList();

    /** The values of {@link #COLUMNS} and, when the detail was asked for, the detail; null where absent. */
    public List<Object> valuesWithDetail() {
        List<Object> v = new java.util.ArrayList<>(values());
        v.add(detail.orElse(null));
        return v;
    }

    /** The values of {@link #COLUMNS}, in order; null where absent. */
    public List<Object> values() {
        return Arrays.asList(eventTime.orElse(null), eventId, accountId.orElse(null), awsRegion.orElse(null),
                eventSource.orElse(null), eventName.orElse(null), principalArn.orElse(null), accessKeyId.orElse(null),
                sourceIp.orElse(null), userAgent.orElse(null), errorCode.orElse(null), readOnly.orElse(null),
                depth.map(Integer::longValue).orElse(null), viaKey.orElse(null));
    }
}

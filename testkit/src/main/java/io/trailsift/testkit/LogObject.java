package io.trailsift.testkit;

import java.time.Instant;
import java.util.List;

/**
 * One delivered log object of the sample: its S3 key, the 5-minute window it covers, its records
 * and its uncompressed content (what digests hash).
 */
public record LogObject(String key, String account, String region, Instant delivered, List<CloudTrailEvent> events,
                        byte[] content) {

    public String sha256() {
        return TrailLayout.sha256Hex(content);
    }

    public Instant oldest() {
        return events.get(0).time();
    }

    public Instant newest() {
        return events.get(events.size() - 1).time();
    }
}

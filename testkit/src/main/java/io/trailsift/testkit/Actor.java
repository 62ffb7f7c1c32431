package io.trailsift.testkit;

import java.time.Instant;
import java.util.Map;

/**
 * A caller as the logs see it: an identity, the address it calls from and its user agent. Every
 * call it makes becomes a {@link CloudTrailEvent} with fresh ids and the TLS details of the
 * endpoint it reached.
 */
public record Actor(Identity identity, String sourceIp, String userAgent) {
    /** Event versions seen per service in current logs (1.08 to 1.11). */
    private static final Map<String, String> VERSIONS = Map.of(
            "s3", "1.10", "ec2", "1.09", "cloudtrail", "1.11", "guardduty", "1.11", "ssm", "1.09",
            "lambda", "1.09");

    /** Services answered by one global endpoint, logged in us-east-1. */
    private static final java.util.Set<String> GLOBAL = java.util.Set.of("iam", "signin");

    public static Actor service(String invokedBy) {
        return new Actor(Identity.awsService(invokedBy), invokedBy, invokedBy);
    }

    public CloudTrailEvent call(Ids ids, Instant time, String region, String service, String eventName) {
        CloudTrailEvent e = new CloudTrailEvent(identity, time, service + ".amazonaws.com", eventName, region,
                ids.uuid(), ids.uuid()).from(sourceIp, userAgent).version(VERSIONS.getOrDefault(service, "1.08"));
        if (!"AWSService".equals(identity.json().get("type"))) {
            e.tls(GLOBAL.contains(service) ? service + ".amazonaws.com" : service + "." + region + ".amazonaws.com");
        }
        return e;
    }

    public Actor withAgent(String agent) {
        return new Actor(identity, sourceIp, agent);
    }
}

package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.Instant;

/**
 * Whoever makes an ordinary call, with the account and region it works in: a workload's session
 * (whose source depends on the service called: NAT gateway or VPC endpoint) or a fixed caller
 * (a user's key on a known host, always from the same address).
 */
interface Caller {
    String account();

    String region();

    Identity identity();

    /** The actor as {@code service} sees it: the address and agent the call arrives with. */
    Actor actor(String service);

    /** The VPC endpoint a call to {@code service} goes through, or null. */
    default String endpoint(String service) {
        return null;
    }

    default CloudTrailEvent call(Ids ids, Instant t, String service, String eventName) {
        CloudTrailEvent e = actor(service).call(ids, t, region(), service, eventName);
        String vpce = endpoint(service);
        return vpce == null ? e : e.vpcEndpoint(vpce);
    }

    default CloudTrailEvent s3Object(Ids ids, Instant t, String eventName, String bucket, String key, long bytes) {
        CloudTrailEvent e = Calls.s3Object(actor("s3"), ids, t, region(), eventName, account(), bucket, key, bytes);
        String vpce = endpoint("s3");
        return vpce == null ? e : e.vpcEndpoint(vpce);
    }

    /** A caller that always calls from the same place: an integration's host, a person's laptop. */
    record Fixed(Actor actor, String region) implements Caller {
        @Override
        public String account() {
            return actor.identity().accountId();
        }

        @Override
        public Identity identity() {
            return actor.identity();
        }

        @Override
        public Actor actor(String service) {
            return actor;
        }
    }
}

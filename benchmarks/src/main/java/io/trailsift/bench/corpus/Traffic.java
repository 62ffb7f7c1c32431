package io.trailsift.bench.corpus;

import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Something in an account and region that calls AWS all day: a workload, an integration, an AWS
 * service. The corpus fills each delivery window with their ordinary calls, in proportion to their
 * weights; what happens only at the start of a session is written separately, once.
 */
abstract class Traffic {
    private final String account;
    private final String region;
    private final double weight;

    Traffic(String account, String region, double weight) {
        this.account = account;
        this.region = region;
        this.weight = weight;
    }

    String account() {
        return account;
    }

    String region() {
        return region;
    }

    /** Its share of its account and region's ordinary calls (relative to the others there). */
    double weight() {
        return weight;
    }

    /** One ordinary call at {@code t}, or null when it holds no credential at that time. */
    abstract CloudTrailEvent call(Ids ids, Instant t);

    /** The calls of the sessions it starts in [from, to): the service's AssumeRole, loading configuration. */
    void starts(Instant from, Instant to, Consumer<CloudTrailEvent> out) {
    }
}

package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.List;

/**
 * An IAM user whose long-term key runs an integration on hosts outside AWS: the same few calls on
 * the same resources, from the hosts' fixed addresses (the primary most hours, the standby some),
 * with the one SDK installed there, every day of the logs.
 */
final class UserTraffic extends Traffic {
    final Identity identity;
    final List<String> addresses;
    final String agent;
    private final String region;
    private final Habits habits;

    UserTraffic(Identity identity, List<String> addresses, String agent, String region, double weight, Habits habits) {
        super(identity.accountId(), region, weight);
        this.identity = identity;
        this.addresses = addresses;
        this.agent = agent;
        this.region = region;
        this.habits = habits;
    }

    /** The host that runs the job in the hour of {@code t}: the standby takes one hour in ten. */
    Caller caller(Instant t) {
        long hour = t.getEpochSecond() / 3600;
        String ip = addresses.get(Seeds.below(10, 0, identity.arn(), hour) == 0 ? 1 : 0);
        return new Caller.Fixed(new Actor(identity, ip, agent), region);
    }

    @Override
    CloudTrailEvent call(Ids ids, Instant t) {
        return habits.pick(ids).make(caller(t), ids, t);
    }
}

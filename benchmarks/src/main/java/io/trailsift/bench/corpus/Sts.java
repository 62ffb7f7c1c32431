package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Role chaining as the episodes do it: a caller assumes a role and goes on working with the new session. */
final class Sts {
    private Sts() {
    }

    /** The AssumeRole records (the role owner's copy too when it crosses accounts) and the session it opened. */
    record Issued(List<CloudTrailEvent> events, Caller session, String key) {
        Caller emit(Consumer<CloudTrailEvent> out) {
            events.forEach(out);
            return session;
        }
    }

    /**
     * {@code from} assumes {@code role} at {@code t} in us-east-1 (the global STS endpoint logs
     * there); the session then calls from the same address with {@code agent}, in {@code region}.
     */
    static Issued assume(Caller from, Ids ids, Instant t, Identity.Role role, String sessionName, int duration,
                         String agent, String region) {
        Actor caller = from.actor("sts");
        String key = ids.sessionKey();
        List<CloudTrailEvent> events = Calls.assumeRole(caller, ids, t, "us-east-1", role, sessionName, key, duration);
        Actor session = new Actor(Identity.assumedRole(role, sessionName, key, t, false), caller.sourceIp(), agent);
        return new Issued(events, new Caller.Fixed(session, region), key);
    }

    /** A caller with the same identity and address calling another region with another agent. */
    static Caller moved(Caller c, String agent, String region) {
        return new Caller.Fixed(c.actor("sts").withAgent(agent), region);
    }

    /** A trust policy, as IAM logs it (a JSON string), letting one principal (a service or a role ARN) assume the role. */
    static String trust(String principal) {
        return io.trailsift.testkit.Json.write(io.trailsift.testkit.Json.obj("Version", "2012-10-17", "Statement",
                List.of(io.trailsift.testkit.Json.obj("Effect", "Allow", "Principal",
                        io.trailsift.testkit.Json.obj(principal.endsWith(".amazonaws.com") ? "Service" : "AWS", principal),
                        "Action", "sts:AssumeRole"))));
    }
}

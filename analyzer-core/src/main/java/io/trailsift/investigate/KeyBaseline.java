package io.trailsift.investigate;

import io.trailsift.store.EventStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a key normally did, and what changed. The split is the key's first call from a source IP it
 * had not used before (a leaked key's first use by someone else looks exactly like that), leaving
 * out IPs the key used on {@value #REGULAR_DAYS} or more days: a second host of the application
 * (a new IP an hour after the logs begin, then every day) is part of its normal life, not an
 * attacker. Before the split: its IPs, user agents, regions and APIs. From it on: the ones that are new.
 *
 * @param firstNewIpAt first call from a new IP, if the key ever changed IP
 * @param newIp        that new IP
 * @param before       per dimension (ip, user_agent, region, api) the values and counts before the split
 * @param after        per dimension the values first seen at or after the split, with counts
 */
public record KeyBaseline(String key, Optional<Instant> firstNewIpAt, Optional<String> newIp, List<Usage> before,
                          List<Usage> after) {

    /** Fewer calls than this before the split are not a history to call anyone's behaviour "normal". */
    static final long MIN_HISTORY = 50;

    /** The key's calls before the split. */
    public long eventsBefore() {
        return before.stream().filter(u -> u.dimension().equals("api")).mapToLong(Usage::events).sum();
    }

    /**
     * Whether the key has a history to compare with: it changed IP, and made at least
     * {@value #MIN_HISTORY} calls before. Without one, everything it did is just its activity,
     * possibly all the attacker's.
     */
    public boolean hasHistory() {
        return firstNewIpAt.isPresent() && eventsBefore() >= MIN_HISTORY;
    }

    /**
     * Whether a call of the key after the split looks like its history: a source IP, user agent
     * and API it had all used before. Such calls are folded in the report (the victim's own
     * traffic goes on while the attacker works); the timeline CSV keeps them.
     */
    public boolean usual(Optional<String> ip, Optional<String> userAgent, Optional<String> api) {
        return hasHistory() && seenBefore("ip", ip) && seenBefore("user_agent", userAgent) && seenBefore("api", api);
    }

    /**
     * Whether a call belongs to the attacker period: every call of another credential of the
     * lineage; the key's own calls from the split on that do not look usual; all of them when the
     * key has no history.
     *
     * @param api {@code service:EventName}, e.g. {@code iam:CreateUser}
     */
    public boolean attacker(Optional<String> accessKey, Optional<Instant> time, Optional<String> ip,
                            Optional<String> userAgent, Optional<String> api) {
        if (!hasHistory() || !accessKey.map(key::equals).orElse(false)) {
            return true;
        }
        Instant split = firstNewIpAt.orElseThrow();
        return time.map(t -> !t.isBefore(split)).orElse(true) && !usual(ip, userAgent, api);
    }

    /** {@code service:EventName} of a call, as the api dimension names it. */
    public static Optional<String> api(Optional<String> eventSource, Optional<String> eventName) {
        return eventSource.flatMap(s -> eventName.map(n -> s.replace(".amazonaws.com", "") + ":" + n));
    }

    private boolean seenBefore(String dimension, Optional<String> value) {
        return value.isPresent() && before.stream().anyMatch(u -> u.dimension().equals(dimension) && u.value().equals(value.get()));
    }

    /** How often one value of one dimension was seen. */
    public record Usage(String dimension, String value, long events) {
    }

    /** An IP the key used on this many days or more is one of its own. */
    static final int REGULAR_DAYS = 3;

    private static final String FIRST_NEW_IP = """
            WITH k AS (SELECT event_time, source_ip FROM events WHERE access_key_id = ?),
                 ips AS (SELECT source_ip, min(event_time) AS first_seen,
                                count(DISTINCT date_trunc('day', event_time)) AS days
                         FROM k GROUP BY 1)
            SELECT first_seen, source_ip FROM ips
            WHERE first_seen > (SELECT min(event_time) FROM k) AND days < ?
            ORDER BY first_seen, source_ip LIMIT 1""";

    /** The four dimensions, each with its value and count, split at the first new IP. */
    private static final String DIMENSIONS = """
            WITH k AS (
              SELECT event_time < ? AS early, source_ip, user_agent, aws_region, event_source, event_name
              FROM events WHERE access_key_id = ?),
            v AS (
              SELECT 'ip' AS dimension, source_ip AS value, early FROM k
              UNION ALL SELECT 'user_agent', user_agent, early FROM k
              UNION ALL SELECT 'region', aws_region, early FROM k
              UNION ALL SELECT 'api', replace(event_source, '.amazonaws.com', '') || ':' || event_name, early FROM k),
            c AS (
              SELECT dimension, value, count(*) FILTER (WHERE early) AS before_split,
                     count(*) FILTER (WHERE NOT early) AS after_split
              FROM v WHERE value IS NOT NULL GROUP BY 1, 2)
            """;

    public static KeyBaseline of(EventStore store, String key) {
        record NewIp(Instant at, Optional<String> ip) {
        }
        Optional<NewIp> newIp = store.sql().first(FIRST_NEW_IP,
                r -> new NewIp(r.time("first_seen").orElseThrow(), r.optionalText("source_ip")), key, REGULAR_DAYS);
        // Without a new IP everything is "before": the key never left its usual place.
        Instant split = newIp.map(NewIp::at).orElse(Instant.parse("9999-01-01T00:00:00Z"));
        List<Usage> before = usage(store, key, split,
                "SELECT dimension, value, before_split AS events FROM c WHERE before_split > 0 ORDER BY 1, 3 DESC, 2");
        List<Usage> after = usage(store, key, split,
                "SELECT dimension, value, after_split AS events FROM c WHERE before_split = 0 AND after_split > 0 ORDER BY 1, 3 DESC, 2");
        return new KeyBaseline(key, newIp.map(NewIp::at), newIp.flatMap(NewIp::ip), before, after);
    }

    private static List<Usage> usage(EventStore store, String key, Instant split, String select) {
        return store.sql().query(DIMENSIONS + select,
                r -> new Usage(r.text("dimension"), r.text("value"), r.number("events")), split, key);
    }
}

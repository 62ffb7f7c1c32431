package io.trailsift.sigma;

import io.trailsift.detect.Detector;
import io.trailsift.detect.Finding;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleSet;
import io.trailsift.store.EventStore;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One correlation rule per type, each grouped by principal and source address (two fields), over
 * events placed around the timespan's edge: an event exactly one timespan after the first counts,
 * one a second later does not.
 */
class SigmaCorrelationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path tmp;
    static EventStore store;
    static List<Finding> findings;
    static RuleSet rules;

    @BeforeAll
    static void hunt() throws Exception {
        List<String> events = new ArrayList<>();
        // event_count: ListBuckets, 3 or more in 5 minutes per principal and address
        events.add(event("c1", 0, "ListBuckets", "A", "ip1"));
        events.add(event("c2", 120, "ListBuckets", "A", "ip1"));
        events.add(event("c3", 300, "ListBuckets", "A", "ip1"));
        events.add(event("c4", 60, "ListBuckets", "A", "ip2"));
        events.add(event("c5", 0, "ListBuckets", "B", "ip1"));
        events.add(event("c6", 60, "ListBuckets", "B", "ip1"));
        events.add(event("c7", 0, "ListBuckets", "C", "ip1"));
        events.add(event("c8", 120, "ListBuckets", "C", "ip1"));
        events.add(event("c9", 301, "ListBuckets", "C", "ip1"));
        events.add(event("c10", 1800, "ListBuckets", "A", "ip1"));
        // value_count: 3 or more distinct SQS calls in 10 minutes
        events.add(event("v1", 0, "GetQueueUrl", "A", "ip1"));
        events.add(event("v2", 60, "GetQueueUrl", "A", "ip1"));
        events.add(event("v3", 120, "ListQueues", "A", "ip1"));
        events.add(event("v4", 600, "DeleteQueue", "A", "ip1"));
        events.add(event("v5", 180, "PurgeQueue", "A", "ip2"));
        events.add(event("v6", 0, "GetQueueUrl", "B", "ip1"));
        events.add(event("v7", 60, "GetQueueUrl", "B", "ip1"));
        events.add(event("v8", 120, "GetQueueUrl", "B", "ip1"));
        // temporal: GetCallerIdentity and ListRoles within 5 minutes, in any order
        events.add(event("t1", 0, "GetCallerIdentity", "A", "ip1"));
        events.add(event("t2", 300, "ListRoles", "A", "ip1"));
        events.add(event("t3", 0, "GetCallerIdentity", "B", "ip1"));
        events.add(event("t4", 301, "ListRoles", "B", "ip1"));
        events.add(event("t5", 60, "ListRoles", "A", "ip2"));
        // temporal_ordered: CreateAccessKey, then ListUsers, within 5 minutes
        events.add(event("o1", 0, "CreateAccessKey", "A", "ip1"));
        events.add(event("o2", 180, "ListUsers", "A", "ip1"));
        events.add(event("o3", 0, "ListUsers", "B", "ip1"));
        events.add(event("o4", 180, "CreateAccessKey", "B", "ip1"));
        events.add(event("o5", 0, "CreateAccessKey", "C", "ip1"));
        events.add(event("o6", 300, "ListUsers", "C", "ip1"));
        Path records = Files.writeString(tmp.resolve("events.json"), "{\"Records\":[" + String.join(",\n", events) + "]}");
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(dir.resolve("many_bucket_listings.yml"), correlation("event_count", "[list_buckets]",
                "condition: {gte: 3}") + base("list_buckets", "ListBuckets"));
        Files.writeString(dir.resolve("many_queue_calls.yml"), correlation("value_count", "[queue_call]",
                "condition: {field: eventName, gte: 3}") + base("queue_call", "'*Queue*'"));
        Files.writeString(dir.resolve("whoami_then_roles.yml"), correlation("temporal", "[whoami, list_roles]", "")
                + base("whoami", "GetCallerIdentity") + base("list_roles", "ListRoles"));
        Files.writeString(dir.resolve("key_then_users.yml"), correlation("temporal_ordered", "[new_key, list_users]", "")
                + base("new_key", "CreateAccessKey") + base("list_users", "ListUsers"));
        rules = SigmaLoader.load(List.of(dir));
        assertEquals(List.of(), rules.problems());
        store = Stores.filled(tmp.resolve("s.duckdb"), List.of(records));
        HuntResult result = Detector.run(store, rules.rules());
        assertEquals(List.of(), result.problems());
        findings = result.findings();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static String event(String id, int seconds, String name, String principal, String ip) {
        return "{\"eventID\":\"" + id + "\",\"eventTime\":\"" + T0.plusSeconds(seconds) + "\",\"eventSource\":\"x.amazonaws.com\","
                + "\"eventName\":\"" + name + "\",\"sourceIPAddress\":\"" + ip + "\",\"userIdentity\":{\"type\":\"IAMUser\","
                + "\"arn\":\"arn:aws:iam::111111111111:user/" + principal + "\",\"accessKeyId\":\"AKIA" + principal + "\"}}";
    }

    private static String correlation(String type, String refs, String condition) {
        return "title: " + type + " correlation\nlevel: high\ncorrelation:\n  type: " + type + "\n  rules: " + refs
                + "\n  group-by: [userIdentity.arn, sourceIPAddress]\n  timespan: " + (type.equals("value_count") ? "10m" : "5m")
                + "\n  " + condition + "\n";
    }

    private static String base(String name, String eventName) {
        return "---\ntitle: " + name + "\nname: " + name + "\nlogsource: {product: aws, service: cloudtrail}\n"
                + "detection:\n  sel: {eventName: " + eventName + "}\n  condition: sel\n";
    }

    private static List<Set<String>> findingsOf(String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).map(f -> (Set<String>) new TreeSet<>(f.eventIds())).toList();
    }

    @Test
    void onlyTheCorrelationsRunNotTheRulesTheyCombine() {
        assertEquals(List.of("key_then_users", "many_bucket_listings", "many_queue_calls", "whoami_then_roles"),
                rules.rules().stream().map(r -> r.id()).sorted().toList());
    }

    @Test
    void eventCountIncludesTheEventAtTheEdgeAndKeepsGroupsApart() {
        assertEquals(List.of(Set.of("c1", "c2", "c3")), findingsOf("many_bucket_listings"));
    }

    @Test
    void valueCountCountsDistinctValuesPerGroup() {
        assertEquals(List.of(Set.of("v1", "v2", "v3", "v4")), findingsOf("many_queue_calls"));
    }

    @Test
    void temporalNeedsEveryRuleWithinTheTimespan() {
        assertEquals(List.of(Set.of("t1", "t2")), findingsOf("whoami_then_roles"));
    }

    @Test
    void temporalOrderedNeedsTheRulesInTheirOrder() {
        assertEquals(Set.of(Set.of("o1", "o2"), Set.of("o5", "o6")), Set.copyOf(findingsOf("key_then_users")));
    }
}

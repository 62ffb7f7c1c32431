package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.store.Sql;
import io.trailsift.testkit.CallLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The helpers that judge "new for this principal" with the behaviour baselines ingest keeps
 * (store/BaselineTablesTest checks the tables themselves), and the names they learn by.
 */
public class BaselinesTest {
    public static final String A = "111122223333";
    public static final String ALICE = "AKIAALICE00000000001";
    public static final String ALICE_ARN = "arn:aws:iam::" + A + ":user/alice";
    public static final String WORKER = "ASIAWORKER0000000001";
    private static final String LINUX_CLI = "aws-cli/2.15.40 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/command#s3.ls";
    private static final String MAC_CLI = "aws-cli/2.17.1 md/awscrt#0.20.0 ua/2.0 os/macos#23.1.0 md/command#iam.list-users";

    @TempDir
    Path dir;

    /**
     * Alice works from the office (198.51.100.0/24) for ten days, from home once on day 5, from a
     * cafe on day 9; on day 12 she is at the cafe again, and a Mac on an IPv6 network calls with her key.
     */
    public static CallLog firstWeeks() {
        CallLog log = new CallLog();
        for (int day = 1; day <= 10; day++) {
            String date = "2026-05-%02dT09:00:00Z".formatted(day);
            log.call("a" + day, date, "s3", "ListBuckets").user("alice", A, ALICE)
                    .ip("198.51.100." + (10 + day % 3)).agent(LINUX_CLI);
        }
        log.call("home", "2026-05-05T21:00:00Z", "s3", "ListBuckets").user("alice", A, ALICE)
                .ip("203.0.113.5").agent(LINUX_CLI);
        log.call("cafe", "2026-05-09T15:00:00Z", "s3", "ListBuckets").user("alice", A, ALICE)
                .ip("192.0.2.9").agent(LINUX_CLI);
        // a Lambda function's session, issued by the service, first used by its code
        log.call("issue", "2026-05-03T10:00:00Z", "sts", "AssumeRole").awsService("lambda.amazonaws.com")
                .issuesSession(WORKER, "arn:aws:iam::" + A + ":role/worker", "arn:aws:sts::" + A + ":assumed-role/worker/fn");
        log.call("w1", "2026-05-03T10:00:01Z", "s3", "GetObject").session("worker", "fn", A, WORKER)
                .ip("10.0.3.7").agent("Boto3/1.34.42 md/Botocore#1.34.42 os/linux#5.10 exec-env#AWS_Lambda_python3.12");
        return log;
    }

    public static CallLog later() {
        CallLog log = new CallLog();
        log.call("far", "2026-05-12T03:00:00Z", "iam", "ListUsers").user("alice", A, ALICE)
                .ip("2001:db8:abcd:12:1::5").agent(MAC_CLI);
        log.call("cafe2", "2026-05-12T21:00:00Z", "s3", "ListBuckets").user("alice", A, ALICE)
                .ip("192.0.2.9").agent(LINUX_CLI);
        return log;
    }

    @Test
    void newForAPrincipalNeedsAWeekOfHistoryAndAValueItHadNotUsedBefore() throws Exception {
        Path first = firstWeeks().write(dir.resolve("first.json"));
        Path second = later().write(dir.resolve("second.json"));
        try (EventStore store = DetectStores.ingest(dir, "baselines", List.of(first, second));
             Sql session = store.session()) {
            RuleHelpers.install(session, Optional.empty());
            // day 12, from a network never used: new, and there are eleven days to be new against
            assertTrue(ask(session, "is_new('principal', ?, 'network', '2001:db8:abcd:12::/64', TIMESTAMP '2026-05-12 03:00:00')"));
            // day 5, from home for the first time: the first time, but a week of history is not there yet
            assertTrue(ask(session, "first_time('principal', ?, 'ip', '203.0.113.5', TIMESTAMP '2026-05-05 21:00:00')"));
            assertFalse(ask(session, "is_new('principal', ?, 'ip', '203.0.113.5', TIMESTAMP '2026-05-05 21:00:00')"));
            // day 9, the cafe: new; day 12, the cafe again: known since day 9
            assertTrue(ask(session, "is_new('principal', ?, 'ip', '192.0.2.9', TIMESTAMP '2026-05-09 15:00:00')"));
            assertFalse(ask(session, "is_new('principal', ?, 'ip', '192.0.2.9', TIMESTAMP '2026-05-12 21:00:00')"));
            assertFalse(ask(session, "is_new('principal', ?, 'client', 'aws-cli linux', TIMESTAMP '2026-05-12 21:00:00')"));

            assertEquals("lambda.amazonaws.com 10.0.3.7 2026-05-03T10:00:01Z", session.first(
                    "SELECT issued_by || ' ' || source_ip || ' ' || strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ') AS s "
                            + "FROM session_starts WHERE credential = ?", r -> r.text("s"), WORKER).orElseThrow());
        }
        try (EventStore store = EventStore.openReadOnly(dir.resolve("baselines.duckdb"));
             Sql session = store.session()) {
            // learnt only up to day 8: the cafe of day 9 is still new on day 12
            RuleHelpers.install(session, Optional.of(Instant.parse("2026-05-08T23:59:59Z")));
            assertTrue(ask(session, "is_new('principal', ?, 'ip', '192.0.2.9', TIMESTAMP '2026-05-12 21:00:00')"));
            assertFalse(ask(session, "is_new('principal', ?, 'network', '198.51.100.0/24', TIMESTAMP '2026-05-12 21:00:00')"));
        }
    }

    @Test
    void networksAndClientsDropWhatChangesWithoutMeaning() throws Exception {
        Path first = firstWeeks().write(dir.resolve("first.json"));
        try (EventStore store = DetectStores.ingest(dir, "names", List.of(first)); Sql session = store.session()) {
            RuleHelpers.install(session, Optional.empty());
            assertEquals(List.of("203.0.113.0/24", "2001:db8:abcd:12::/64", "2001:db8:0:0::/64", "fd00:0:0:1::/64",
                            "lambda.amazonaws.com"),
                    session.query("SELECT ip_network(ip) AS n FROM unnest(['203.0.113.77', '2001:DB8:ABCD:0012:1::5', "
                            + "'2001:db8::1', 'fd00:0000:0:1:2:3:4:5', 'lambda.amazonaws.com']) WITH ORDINALITY u(ip, i) ORDER BY i",
                            r -> r.text("n")));
            assertEquals(List.of("aws-cli linux", "boto3 linux", "terraform darwin", "mozilla windows", "? ?"),
                    session.query("SELECT client_family(a) AS c FROM unnest([?, ?, ?, ?, ?]) WITH ORDINALITY u(a, i) ORDER BY i",
                            r -> r.text("c"), LINUX_CLI, "Boto3/1.34.42 md/Botocore#1.34.42 ua/2.0 os/linux#5.10",
                            "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.40.0 "
                                    + "aws-sdk-go-v2/1.25.2 os/darwin lang/go#1.22",
                            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36", "?"));
        }
    }

    private static boolean ask(Sql session, String condition) {
        return session.first("SELECT " + condition + " AS answer", r -> (Boolean) r.value("answer"), ALICE_ARN).orElseThrow();
    }
}

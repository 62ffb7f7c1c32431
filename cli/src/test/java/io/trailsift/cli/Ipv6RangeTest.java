package io.trailsift.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPv6 ranges in ip and timeline --ip: CloudTrail writes addresses compressed, so they are compared as numbers. */
class Ipv6RangeTest {
    @TempDir
    Path dir;

    private static String record(String id, String ip) {
        return """
                {"eventVersion":"1.09","eventTime":"2026-05-21T10:00:0%sZ","eventSource":"sts.amazonaws.com",
                 "eventName":"GetCallerIdentity","awsRegion":"us-east-1","sourceIPAddress":"%s","eventID":"%s",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/u%s","accountId":"123456789012",
                 "accessKeyId":"AKIAAAAAAAAAAAAAAAA%s"},"recipientAccountId":"123456789012"}"""
                .formatted(id, ip, "e-" + id, id, id);
    }

    @Test
    void anIpv6RangeMatchesCompressedAndFullAddressesInsideItOnly() throws Exception {
        Path logs = dir.resolve("v6.json");
        Files.writeString(logs, "{\"Records\":[" + String.join(",", List.of(
                record("1", "2001:db8:1::7"),
                record("2", "2001:0db8:0001:0000:0000:0000:0000:0009"),
                record("3", "2001:db8:2::7"),
                record("4", "198.51.100.7"))) + "]}");
        String db = dir.resolve("v6.duckdb").toString();
        assertEquals(0, CliRun.of("ingest", logs.toString(), "--db", db).exit());
        CliRun ip = CliRun.of("ip", "2001:db8:1::/48", "--db", db, "--format", "csv");
        assertEquals(0, ip.exit(), ip.err());
        assertTrue(ip.out().contains("user/u1") && ip.out().contains("user/u2"), ip.out());
        assertEquals(3, ip.out().lines().count(), ip.out());
        CliRun timeline = CliRun.of("timeline", "--ip", "2001:db8::/32", "--db", db, "--format", "csv");
        assertEquals(4, timeline.out().lines().count(), "three IPv6 events: " + timeline.out());
        CliRun bad = CliRun.of("ip", "2001:db8::/129", "--db", db);
        assertEquals(Main.USAGE, bad.exit());
        assertTrue(bad.err().contains("is not an IPv6 range like 2001:db8::/32"), bad.err());
    }
}

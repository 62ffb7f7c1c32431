package io.trailsift.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.trailsift.testkit.Json.obj;

/**
 * The tests' everyday record: a management call by the IAM user {@code app} (key
 * AKIAEXAMPLEKEY00001, account 123456789012) from 198.51.100.50, as {@link CloudTrailEvent} writes
 * it; tests edit its text to make the case they need. And the files such records go in.
 */
public final class Records {
    private static final Identity APP = Identity.iamUser("123456789012", "app", "AIDAEXAMPLE", "AKIAEXAMPLEKEY00001");

    private Records() {
    }

    /** A call named {@code name} at {@code time} (UTC ISO-8601) with event id {@code id} and request id req-{@code id}. */
    public static String event(String id, String time, String name) {
        return new CloudTrailEvent(APP, Instant.parse(time), "iam.amazonaws.com", name, "us-east-1", id, "req-" + id)
                .version("1.09").from("198.51.100.50", "aws-cli/2.15.0").request(obj("userName", "target-user"))
                .readOnly(false).tls(null).json();
    }

    /** {@code n} ListUsers calls with ids {@code prefix-0..n-1}, one second apart from 2026-05-21T00:00:00Z. */
    public static List<String> events(String prefix, int n) {
        Instant start = Instant.parse("2026-05-21T00:00:00Z");
        return IntStream.range(0, n).mapToObj(i -> event(prefix + "-" + i, start.plusSeconds(i).toString(), "ListUsers"))
                .toList();
    }

    public static String wrapper(List<String> records) {
        return new String(TrailLayout.records(records), StandardCharsets.UTF_8);
    }

    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] gzip(byte[] bytes) {
        return TrailLayout.gzip(bytes);
    }

    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    public static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}

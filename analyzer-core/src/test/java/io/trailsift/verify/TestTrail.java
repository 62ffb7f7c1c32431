package io.trailsift.verify;

import io.trailsift.testkit.TestSigningKey;
import io.trailsift.testkit.TrailBucket.Delivered;
import io.trailsift.testkit.TrailBucket.TestEvent;
import io.trailsift.testkit.TrailBucket;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small trail for account 111122223333 in us-east-1: two log objects per hour (newest events at
 * :10 and :40, delivered five minutes later) and one digest per hour, from {@link #T0}.
 */
public final class TestTrail {
    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-east-1";
    public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    public final TrailBucket writer;
    public final List<Delivered> logs = new ArrayList<>();
    public final List<Path> digests = new ArrayList<>();

    private TestTrail(Path root, TestSigningKey keys) {
        writer = new TrailBucket(root, "trail-bucket", ACCOUNT, REGION, "main-trail", keys);
    }

    /** Six hours of logs and seven digests (the last one empty, so every earlier signature is in a later digest). */
    public static TestTrail complete(Path root, TestSigningKey keys) throws IOException, GeneralSecurityException {
        TestTrail t = new TestTrail(root, keys);
        for (int h = 0; h < 6; h++) {
            t.hourOfLogs(h, "s3.amazonaws.com", "ListBuckets");
            t.digestForHour(h);
        }
        t.digestForHour(6);
        return t;
    }

    /**
     * Hours 0-2 as usual, but the 02:40 object ends with StopLogging at 02:38; nothing is
     * delivered until StartLogging at 04:08 (object 04:10), and the digest chain starts again
     * at 04:00. Hours 4-5 as usual, then an empty digest.
     */
    public static TestTrail stoppedForAnHour(Path root, TestSigningKey keys) throws IOException, GeneralSecurityException {
        TestTrail t = new TestTrail(root, keys);
        for (int h = 0; h < 2; h++) {
            t.hourOfLogs(h, "s3.amazonaws.com", "ListBuckets");
            t.digestForHour(h);
        }
        t.log(at(2, 10), "s3.amazonaws.com", "ListBuckets");
        t.log(at(2, 40), "cloudtrail.amazonaws.com", "StopLogging");
        t.digestForHour(2);
        t.writer.restartChain();
        t.log(at(4, 10), "cloudtrail.amazonaws.com", "StartLogging");
        t.log(at(4, 40), "s3.amazonaws.com", "ListBuckets");
        t.digestForHour(4);
        t.hourOfLogs(5, "s3.amazonaws.com", "ListBuckets");
        t.digestForHour(5);
        t.digestForHour(6);
        return t;
    }

    public static Instant at(int hour, int minute) {
        return T0.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    private void hourOfLogs(int h, String source, String name) throws IOException {
        log(at(h, 10), source, name);
        log(at(h, 40), source, name);
    }

    /** One object: a GetCallerIdentity two minutes earlier, then the named event at {@code newest}. */
    private void log(Instant newest, String source, String name) throws IOException {
        logs.add(writer.logFile(List.of(new TestEvent("sts.amazonaws.com", "GetCallerIdentity",
                newest.minus(Duration.ofMinutes(2))), new TestEvent(source, name, newest)),
                newest.plus(Duration.ofMinutes(5))));
    }

    private void digestForHour(int h) throws IOException, GeneralSecurityException {
        digests.add(writer.digest(at(h, 0), at(h + 1, 0)));
    }

    public Path newestDigest() {
        return digests.get(digests.size() - 1);
    }
}

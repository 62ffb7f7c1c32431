package io.trailsift.bench.corpus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trailsift.bench.corpus.Json.obj;

/**
 * Hourly CloudTrail-Digest files for one account and region, chained and signed the way AWS's
 * documentation describes ("CloudTrail digest file structure" and "Custom implementations of
 * CloudTrail log file integrity validation", CloudTrail User Guide):
 * <ul>
 * <li>{@code logFiles[].hashValue}: hex SHA-256 of the log file's UNCOMPRESSED content;</li>
 * <li>{@code previousDigestHashValue}: hex SHA-256 of the previous digest's uncompressed content;</li>
 * <li>signature: SHA256withRSA over {@code digestEndTime + "\n" + bucket/key + "\n" +
 * hex(sha256(uncompressed digest)) + "\n" + previousDigestSignature} (the literal {@code null}
 * for the starting digest), hex-encoded. A digest's own signature lives in S3 object metadata,
 * so offline only the next digest's {@code previousDigestSignature} carries it;</li>
 * <li>the starting digest has its {@code previousDigest*} fields null; hours without deliveries
 * still get a digest with an empty {@code logFiles}.</li>
 * </ul>
 */
final class DigestChain {
    /** Where the hour boundaries fall: CloudTrail's digests run from an arbitrary second, here hh:01:31. */
    private static final Duration OFFSET = Duration.ofSeconds(91);

    /** One written digest. */
    record Digest(String key, Instant start, Instant end, byte[] content, String signature, int logFiles) {
    }

    private final TrailLayout layout;
    private final String bucket;
    private final TestSigningKey signingKey;

    DigestChain(TrailLayout layout, String bucket, TestSigningKey signingKey) {
        this.layout = layout;
        this.bucket = bucket;
        this.signingKey = signingKey;
    }

    /**
     * Digests from {@code from} to {@code until}, hour by hour, listing each object by its delivery
     * time with the hash of its content as delivered (before any later damage).
     */
    List<Digest> build(String account, String region, Instant from, Instant until, List<LogObject> delivered) {
        List<Digest> digests = new ArrayList<>();
        Digest previous = null;
        for (Instant start = from.plus(OFFSET); start.isBefore(until); start = start.plus(Duration.ofHours(1))) {
            Instant end = start.plus(Duration.ofHours(1));
            List<LogObject> in = new ArrayList<>();
            for (LogObject o : delivered) {
                if (o.account().equals(account) && o.region().equals(region)
                        && !o.delivered().isBefore(start) && o.delivered().isBefore(end)) {
                    in.add(o);
                }
            }
            String key = layout.digestKey(account, region, "org-trail", "us-east-1", end);
            byte[] content = Json.write(body(account, start, end, key, in, previous))
                    .getBytes(StandardCharsets.UTF_8);
            String toSign = Times.iso(end) + "\n" + bucket + "/" + key + "\n" + TrailLayout.sha256Hex(content) + "\n"
                    + (previous == null ? "null" : previous.signature());
            Digest d = new Digest(key, start, end, content, signingKey.signHex(toSign), in.size());
            digests.add(d);
            previous = d;
        }
        return digests;
    }

    private Map<String, Object> body(String account, Instant start, Instant end, String key, List<LogObject> in,
                                     Digest previous) {
        List<Object> files = new ArrayList<>();
        Instant newest = null;
        Instant oldest = null;
        for (LogObject o : in) {
            files.add(obj("s3Bucket", bucket, "s3Object", o.key(), "hashValue", o.sha256(), "hashAlgorithm", "SHA-256",
                    "newestEventTime", Times.iso(o.newest()), "oldestEventTime", Times.iso(o.oldest())));
            newest = newest == null || o.newest().isAfter(newest) ? o.newest() : newest;
            oldest = oldest == null || o.oldest().isBefore(oldest) ? o.oldest() : oldest;
        }
        return obj("awsAccountId", account, "digestStartTime", Times.iso(start), "digestEndTime", Times.iso(end),
                "digestS3Bucket", bucket, "digestS3Object", key,
                "digestPublicKeyFingerprint", signingKey.fingerprint(), "digestSignatureAlgorithm", "SHA256withRSA",
                "newestEventTime", newest == null ? null : Times.iso(newest),
                "oldestEventTime", oldest == null ? null : Times.iso(oldest),
                "previousDigestS3Bucket", previous == null ? null : bucket,
                "previousDigestS3Object", previous == null ? null : previous.key(),
                "previousDigestHashValue", previous == null ? null : TrailLayout.sha256Hex(previous.content()),
                "previousDigestHashAlgorithm", previous == null ? null : "SHA-256",
                "previousDigestSignature", previous == null ? null : previous.signature(),
                "logFiles", files);
    }
}

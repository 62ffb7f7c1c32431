package io.trailsift.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trailsift.testkit.Json.obj;

/**
 * Writes and signs one CloudTrail digest file, following AWS's user guide independently of the
 * production code: the "CloudTrail digest file structure" page for the fields (hashes of the
 * UNCOMPRESSED content), the "custom validation" page for the signed string
 * {@code digestEndTime\nbucket/key\nhex(sha256(digest))\nprevious signature} ({@code null} for a
 * starting digest), SHA256withRSA, hex. The one signer of the sample generator and the tests.
 */
public final class DigestSigner {
    private final String bucket;
    private final TestSigningKey signingKey;

    /** A log object as a digest lists it. */
    public record Listed(String key, String sha256, Instant oldest, Instant newest) {
    }

    /** A signed digest: its S3 key, its uncompressed content and its signature. */
    public record Digest(String key, Instant start, Instant end, byte[] content, String signature, int logFiles) {
    }

    public DigestSigner(String bucket, TestSigningKey signingKey) {
        this.bucket = bucket;
        this.signingKey = signingKey;
    }

    /** The digest at {@code key} for {@code [start, end)}, chained to {@code previous} (empty: a chain starts). */
    public Digest sign(String account, String key, Instant start, Instant end, List<Listed> files,
                       Optional<Digest> previous) {
        byte[] content = Json.write(body(account, key, start, end, files, previous)).getBytes(StandardCharsets.UTF_8);
        String toSign = Times.iso(end) + "\n" + bucket + "/" + key + "\n" + TrailLayout.sha256Hex(content) + "\n"
                + previous.map(Digest::signature).orElse("null");
        return new Digest(key, start, end, content, signingKey.signHex(toSign), files.size());
    }

    private Map<String, Object> body(String account, String key, Instant start, Instant end, List<Listed> in,
                                     Optional<Digest> previous) {
        List<Object> files = new ArrayList<>();
        Instant newest = null;
        Instant oldest = null;
        for (Listed o : in) {
            files.add(obj("s3Bucket", bucket, "s3Object", o.key(), "hashValue", o.sha256(), "hashAlgorithm", "SHA-256",
                    "newestEventTime", Times.iso(o.newest()), "oldestEventTime", Times.iso(o.oldest())));
            newest = newest == null || o.newest().isAfter(newest) ? o.newest() : newest;
            oldest = oldest == null || o.oldest().isBefore(oldest) ? o.oldest() : oldest;
        }
        Digest p = previous.orElse(null);
        return obj("awsAccountId", account, "digestStartTime", Times.iso(start), "digestEndTime", Times.iso(end),
                "digestS3Bucket", bucket, "digestS3Object", key,
                "digestPublicKeyFingerprint", signingKey.fingerprint(), "digestSignatureAlgorithm", "SHA256withRSA",
                "newestEventTime", newest == null ? null : Times.iso(newest),
                "oldestEventTime", oldest == null ? null : Times.iso(oldest),
                "previousDigestS3Bucket", p == null ? null : bucket,
                "previousDigestS3Object", p == null ? null : p.key(),
                "previousDigestHashValue", p == null ? null : TrailLayout.sha256Hex(p.content()),
                "previousDigestHashAlgorithm", p == null ? null : "SHA-256",
                "previousDigestSignature", p == null ? null : p.signature(),
                "logFiles", files);
    }
}

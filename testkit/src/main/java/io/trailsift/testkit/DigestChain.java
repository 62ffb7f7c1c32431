package io.trailsift.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hourly digests of one account and region of an organization trail, as CloudTrail writes
 * them for log file validation, each signed by {@link DigestSigner}. The starting digest has its
 * {@code previousDigest*} fields null; hours without deliveries still get a digest with an empty
 * {@code logFiles}; a digest's own signature lives in S3 object metadata, so offline only the next
 * digest's {@code previousDigestSignature} carries it.
 */
public final class DigestChain {
    /** Where the hour boundaries fall: CloudTrail's digests run from an arbitrary second, here hh:01:31. */
    private static final Duration OFFSET = Duration.ofSeconds(91);

    private final TrailLayout layout;
    private final DigestSigner signer;

    public DigestChain(TrailLayout layout, String bucket, TestSigningKey signingKey) {
        this.layout = layout;
        this.signer = new DigestSigner(bucket, signingKey);
    }

    /**
     * Digests from {@code from} to {@code until}, hour by hour, listing each object by its delivery
     * time with the hash of its content as delivered (before any later damage).
     */
    public List<DigestSigner.Digest> build(String account, String region, Instant from, Instant until,
                                          List<LogObject> delivered) {
        List<DigestSigner.Digest> digests = new ArrayList<>();
        Optional<DigestSigner.Digest> previous = Optional.empty();
        for (Instant start = from.plus(OFFSET); start.isBefore(until); start = start.plus(Duration.ofHours(1))) {
            Instant end = start.plus(Duration.ofHours(1));
            List<DigestSigner.Listed> in = new ArrayList<>();
            for (LogObject o : delivered) {
                if (o.account().equals(account) && o.region().equals(region)
                        && !o.delivered().isBefore(start) && o.delivered().isBefore(end)) {
                    in.add(new DigestSigner.Listed(o.key(), o.sha256(), o.oldest(), o.newest()));
                }
            }
            String key = layout.digestKey(account, region, "org-trail", "us-east-1", end);
            DigestSigner.Digest d = signer.sign(account, key, start, end, in, previous);
            digests.add(d);
            previous = Optional.of(d);
        }
        return digests;
    }
}

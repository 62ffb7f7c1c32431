package io.trailsift.verify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code verify} found.
 *
 * @param objects    one result per log object: each digest entry (verified, missing, or one per
 *                   modified copy) and each log object no digest lists (unverified)
 * @param digests    one check per digest read (signature state included)
 * @param signatures overall signature state
 * @param problems   inputs that could not be read at all ("path: reason")
 */
public record VerifyReport(List<ObjectResult> objects, List<DigestCheck> digests, List<ChainBreak> chainBreaks,
                           SignatureState signatures, List<DeliveryGap> gaps, List<String> problems) {

    public enum ObjectState {
        /** Present, and its uncompressed SHA-256 is the one a digest lists. */
        VERIFIED,
        /** Present, but its hash differs from the digest's (or it cannot be read to the end). */
        MODIFIED,
        /** Listed in a digest, absent from the inputs: deleted, or not downloaded. */
        MISSING,
        /** Present, listed in no digest that was read. */
        UNVERIFIED;

        /** {@code verified}, {@code modified}, {@code missing}, {@code unverified}. */
        public String text() {
            return kebab(this);
        }
    }

    /**
     * @param key    the S3 key (as the digest names it, or from {@code AWSLogs/} on for unverified objects)
     * @param path   the local copy, if there is one
     * @param digest the S3 key of the digest that lists it
     * @param detail why (hash mismatch, read error, digest coverage of an unverified object)
     */
    public record ObjectResult(ObjectState state, String key, Optional<String> path, Optional<String> accountId,
                               Optional<String> region, Optional<Instant> oldestEventTime,
                               Optional<Instant> newestEventTime, Optional<String> digest,
                               Optional<String> expectedSha256, Optional<String> actualSha256, String detail) {
    }

    public enum SignatureState {
        VERIFIED, FAILED, NOT_CHECKED;

        /** {@code verified}, {@code failed}, {@code not-checked}. */
        public String text() {
            return kebab(this);
        }
    }

    /** Signature outcome of one digest. */
    public enum DigestSignatureState {
        VERIFIED,
        FAILED,
        /** No later digest names it and no metadata sidecar was saved (the newest digest's signature lives only in S3). */
        NO_SIGNATURE,
        /** The keys file has no key with the digest's fingerprint. */
        NO_KEY,
        NOT_CHECKED;

        public String text() {
            return kebab(this);
        }
    }

    public record DigestCheck(String key, String path, String accountId, Optional<String> region, Instant start,
                              Instant end, int logFiles, DigestSignatureState signature, String detail) {
    }

    public enum BreakKind {
        /** The previous digest a digest names is absent, though older digests of the chain are present. */
        MISSING_DIGEST,
        /** The previous digest is present but its content is not what the next digest hashed. */
        HASH_MISMATCH,
        /** A starting digest (no previous) after earlier digests of the same chain: logging or validation stopped. */
        RESTARTED,
        /** A digest whose local path is not the key it names (a digest copied over another). */
        RELOCATED,
        /** A digest that cannot be read or parsed. */
        UNREADABLE;

        public String text() {
            return kebab(this);
        }
    }

    /**
     * A break in a digest chain.
     *
     * @param digest   the digest the break is about (the missing, altered or unreadable one; the
     *                 restarting one for {@code restarted})
     * @param from     start of the stretch the chain no longer proves
     * @param until    its end
     */
    public record ChainBreak(BreakKind kind, Optional<String> accountId, Optional<String> region, String digest,
                             Optional<Instant> from, Optional<Instant> until, String detail) {
    }

    /** No object delivered for an account/region between two deliveries further apart than the threshold. */
    public record DeliveryGap(String accountId, String region, Instant from, Instant until, List<String> nearEvents) {
    }

    /** How states and kinds are written in output and in the store: {@code NOT_CHECKED} -> {@code not-checked}. */
    private static String kebab(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public long count(ObjectState state) {
        return objects.stream().filter(o -> o.state() == state).count();
    }

    public List<ObjectResult> withState(ObjectState state) {
        return objects.stream().filter(o -> o.state() == state).toList();
    }

    /**
     * No digest was read, so nothing could be verified: "ok" would be read as "logs intact" when
     * the inputs simply lacked the trail's CloudTrail-Digest folder.
     */
    public boolean nothingVerifiable() {
        return digests.isEmpty();
    }

    /** Exit 1: something modified, missing, a broken chain, or a failed signature. Gaps and unverified objects alone are not. */
    public boolean failed() {
        return count(ObjectState.MODIFIED) > 0 || count(ObjectState.MISSING) > 0 || !chainBreaks.isEmpty()
                || signatures == SignatureState.FAILED;
    }
}

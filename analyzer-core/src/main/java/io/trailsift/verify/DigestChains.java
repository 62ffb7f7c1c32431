package io.trailsift.verify;

import io.trailsift.source.ObjectKind;
import io.trailsift.source.S3Location;
import io.trailsift.verify.VerifyReport.BreakKind;
import io.trailsift.verify.VerifyReport.ChainBreak;
import io.trailsift.verify.VerifyReport.DigestCheck;
import io.trailsift.verify.VerifyReport.DigestSignatureState;
import io.trailsift.verify.VerifyReport.SignatureState;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Follows each digest chain (AWS: "Digest file chaining" in the digest structure page; "Validate
 * additional digest and log files" in the custom-validation page): every digest names its
 * predecessor's key, the hex SHA-256 of the predecessor's uncompressed content and the
 * predecessor's signature. A chain is one bucket/account/region/trail, ordered by digestEndTime.
 */
final class DigestChains {
    private static final Pattern DATE_FOLDERS = Pattern.compile("/\\d{4}/\\d{2}/\\d{2}/");
    private static final Pattern DIGEST_TIME_SUFFIX = Pattern.compile("_\\d{8}T\\d{6}Z\\.json(?:\\.gz)?$");

    record Outcome(List<DigestCheck> checks, List<ChainBreak> breaks, SignatureState signatures) {
    }

    private final Map<String, ScanResult.Digest> byLocation = new LinkedHashMap<>();
    private final Map<String, ScanResult.Digest> successorOf = new HashMap<>();
    private final Map<String, String> sidecars;
    private final Optional<PublicKeys> keys;

    /** @param digests digests with distinct locations */
    private DigestChains(List<ScanResult.Digest> digests, Map<String, String> sidecars, Optional<PublicKeys> keys) {
        for (ScanResult.Digest d : digests) {
            byLocation.put(d.file().location(), d);
            d.file().previousLocation().ifPresent(prev -> successorOf.putIfAbsent(prev, d));
        }
        this.sidecars = sidecars;
        this.keys = keys;
    }

    /** One digest per S3 location: a digest downloaded twice is the same digest. */
    static List<ScanResult.Digest> distinct(List<ScanResult.Digest> digests) {
        Map<String, ScanResult.Digest> first = new LinkedHashMap<>();
        digests.forEach(d -> first.putIfAbsent(d.file().location(), d));
        return List.copyOf(first.values());
    }

    /** @param digests every digest read, copies and relocated ones included */
    static Outcome check(List<ScanResult.Digest> digests, List<ScanResult.DamagedDigest> damaged,
                         Map<String, String> sidecars, Optional<PublicKeys> keys) {
        return new DigestChains(distinct(digests), sidecars, keys).run(digests, damaged);
    }

    private Outcome run(List<ScanResult.Digest> all, List<ScanResult.DamagedDigest> damaged) {
        Map<String, List<ScanResult.Digest>> streams = new TreeMap<>();
        for (ScanResult.Digest d : byLocation.values()) {
            streams.computeIfAbsent(digestStream(d.file()), k -> new ArrayList<>()).add(d);
        }
        List<DigestCheck> checks = new ArrayList<>();
        List<ChainBreak> breaks = new ArrayList<>();
        for (List<ScanResult.Digest> stream : streams.values()) {
            stream.sort(Comparator.comparing((ScanResult.Digest d) -> d.file().digestEndTime()));
            for (int i = 0; i < stream.size(); i++) {
                link(stream.get(i), i == 0 ? Optional.empty() : Optional.of(stream.get(i - 1))).ifPresent(breaks::add);
                checks.add(signatureCheck(stream.get(i)));
            }
        }
        for (ScanResult.Digest d : all) {
            relocated(d).ifPresent(breaks::add);
        }
        for (ScanResult.DamagedDigest d : damaged) {
            Optional<S3Location> where = S3Location.of(d.path());
            breaks.add(new ChainBreak(BreakKind.UNREADABLE, where.map(S3Location::accountId),
                    where.map(S3Location::region), d.path(), Optional.empty(), S3Location.nameTime(d.path()), d.reason()));
        }
        return new Outcome(List.copyOf(checks), List.copyOf(breaks), overall(checks));
    }

    /** Checks the link from {@code d} back to its predecessor; {@code earlier} is the chain's previous digest in the inputs. */
    private Optional<ChainBreak> link(ScanResult.Digest d, Optional<ScanResult.Digest> earlier) {
        DigestFile f = d.file();
        Optional<String> account = Optional.of(f.awsAccountId());
        Optional<String> region = region(f);
        Optional<String> previous = f.previousLocation();
        if (previous.isEmpty()) {
            // A starting digest: fine as the first of the chain, a restart after earlier digests.
            return earlier.map(e -> new ChainBreak(BreakKind.RESTARTED, account, region, f.digestS3Object(),
                    Optional.of(e.file().digestEndTime()), Optional.of(f.digestStartTime()),
                    "chain starts again: logging or log file validation was off in between"));
        }
        ScanResult.Digest p = byLocation.get(previous.get());
        if (p == null) {
            // Without an earlier digest, the predecessor is just outside what was downloaded.
            return earlier.map(e -> new ChainBreak(BreakKind.MISSING_DIGEST, account, region,
                    f.previousDigestS3Object().orElseThrow(), Optional.of(e.file().digestEndTime()),
                    Optional.of(f.digestStartTime()), "previous digest is not in the inputs (deleted or not downloaded)"));
        }
        String expected = f.previousDigestHashValue().orElse("");
        if (!expected.equalsIgnoreCase(p.sha256())) {
            return Optional.of(new ChainBreak(BreakKind.HASH_MISMATCH, account, region, p.file().digestS3Object(),
                    Optional.of(p.file().digestStartTime()), Optional.of(p.file().digestEndTime()),
                    "digest content changed: " + f.digestS3Object() + " recorded SHA-256 " + expected + ", "
                            + p.path() + " hashes to " + p.sha256()));
        }
        return Optional.empty();
    }

    /**
     * AWS's custom-validation steps first check that a digest was fetched from the location it
     * names. Offline, the local path's key (from {@code AWSLogs/} on) must be the digest's own key:
     * otherwise a digest was copied over another one.
     */
    private static Optional<ChainBreak> relocated(ScanResult.Digest d) {
        DigestFile f = d.file();
        if (S3Location.keySuffix(d.path()).isEmpty() || S3Location.matchKey(d.path()).equals(S3Location.matchKey(f.digestS3Object()))) {
            return Optional.empty();
        }
        return Optional.of(new ChainBreak(BreakKind.RELOCATED, Optional.of(f.awsAccountId()), region(f), d.path(),
                Optional.of(f.digestStartTime()), Optional.of(f.digestEndTime()),
                "the file says it is " + f.digestS3Object() + ": a digest copied over another"));
    }

    private DigestCheck signatureCheck(ScanResult.Digest d) {
        DigestFile f = d.file();
        Optional<String> signature = Optional.ofNullable(successorOf.get(f.location()))
                .flatMap(next -> next.file().previousDigestSignature())
                .or(() -> Optional.ofNullable(sidecars.get(d.path())));
        DigestSignatureState state;
        String detail;
        if (keys.isEmpty()) {
            state = DigestSignatureState.NOT_CHECKED;
            detail = "no --public-keys given";
        } else if (signature.isEmpty()) {
            state = DigestSignatureState.NO_SIGNATURE;
            detail = "no later digest names it (the newest keeps its signature only in S3 metadata: save it as"
                    + " <digest>" + ObjectKind.SIDECAR_SUFFIX + ")";
        } else if (!f.signatureAlgorithm().orElse(DigestSignature.ALGORITHM).equals(DigestSignature.ALGORITHM)) {
            state = DigestSignatureState.FAILED;
            detail = "unsupported signature algorithm " + f.signatureAlgorithm().orElseThrow();
        } else {
            Optional<PublicKey> key = f.publicKeyFingerprint().flatMap(keys.get()::forFingerprint);
            if (key.isEmpty()) {
                state = DigestSignatureState.NO_KEY;
                detail = "no public key with fingerprint " + f.publicKeyFingerprint().orElse("(none)");
            } else if (verifies(d, signature.get(), key.get())) {
                state = DigestSignatureState.VERIFIED;
                detail = "";
            } else {
                state = DigestSignatureState.FAILED;
                detail = "signature does not match the digest's content, key or previous signature";
            }
        }
        return new DigestCheck(f.digestS3Object(), d.path(), f.awsAccountId(), region(f), f.digestStartTime(),
                f.digestEndTime(), f.logFiles().size(), state, detail);
    }

    private static boolean verifies(ScanResult.Digest d, String signature, PublicKey key) {
        try {
            return DigestSignature.verify(d.file(), d.sha256(), signature, key);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private SignatureState overall(List<DigestCheck> checks) {
        if (keys.isEmpty()) {
            return SignatureState.NOT_CHECKED;
        }
        if (checks.stream().anyMatch(c -> c.signature() == DigestSignatureState.FAILED)) {
            return SignatureState.FAILED;
        }
        return checks.stream().anyMatch(c -> c.signature() == DigestSignatureState.VERIFIED)
                ? SignatureState.VERIFIED : SignatureState.NOT_CHECKED;
    }

    static Optional<String> region(DigestFile f) {
        return S3Location.of(f.digestS3Object()).map(S3Location::region);
    }

    /**
     * Which chain a digest belongs to: one per bucket, account, region and trail, i.e. its key
     * without the date folders and the end-time suffix.
     */
    private static String digestStream(DigestFile d) {
        String key = DATE_FOLDERS.matcher(d.digestS3Object()).replaceFirst("/");
        return d.digestS3Bucket() + "/" + DIGEST_TIME_SUFFIX.matcher(key).replaceFirst("");
    }
}

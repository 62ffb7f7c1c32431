package io.trailsift.verify;

import io.trailsift.source.S3Location;
import io.trailsift.verify.VerifyReport.ObjectResult;
import io.trailsift.verify.VerifyReport.ObjectState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the log objects present with what the digests list (AWS custom-validation page,
 * "Validate the log files": hash the UNCOMPRESSED content with SHA-256 and compare with
 * {@code logFiles.hashValue}).
 */
final class LogObjects {
    /** How long after the newest event in its name a log file may still be delivered (and land in a later digest). */
    private static final Duration DELIVERY_LAG = Duration.ofHours(1);

    /** A digest entry and the digest that lists it. */
    private record Listed(DigestFile.LogFileEntry entry, DigestFile digest) {
    }

    /** Earliest start and latest end of the digests of one account/region. */
    private record Span(Instant start, Instant end) {
        Span merge(Span o) {
            return new Span(start.isBefore(o.start) ? start : o.start, end.isAfter(o.end) ? end : o.end);
        }
    }

    private LogObjects() {
    }

    static List<ObjectResult> check(List<ScanResult.Digest> digests, List<ScanResult.LocalObject> objects) {
        Map<String, Listed> bySuffix = new LinkedHashMap<>();
        Map<String, Listed> byName = new HashMap<>();
        Map<String, Span> spans = new HashMap<>();
        for (ScanResult.Digest d : digests) {
            for (DigestFile.LogFileEntry e : d.file().logFiles()) {
                Listed l = new Listed(e, d.file());
                bySuffix.putIfAbsent(S3Location.matchKey(e.s3Object()), l);
                byName.putIfAbsent(S3Location.matchKey(S3Location.fileName(e.s3Object())), l);
            }
            spans.merge(spanKey(d.file().awsAccountId(), DigestChains.region(d.file())),
                    new Span(d.file().digestStartTime(), d.file().digestEndTime()), Span::merge);
        }
        // keyed by match key: a record key would hash the whole digest it points to, every time
        Map<String, List<ScanResult.LocalObject>> copies = new HashMap<>();
        List<ObjectResult> unverified = new ArrayList<>();
        for (ScanResult.LocalObject o : objects) {
            Optional<String> suffix = S3Location.keySuffix(o.path());
            Listed l = (suffix.isPresent() ? bySuffix : byName).get(S3Location.matchKey(o.path()));
            if (l != null) {
                copies.computeIfAbsent(S3Location.matchKey(l.entry().s3Object()), x -> new ArrayList<>()).add(o);
            } else if (o.cloudTrailLog()) {
                unverified.add(unverified(o, suffix.orElse(S3Location.fileName(o.path())), spans));
            }
        }
        List<ObjectResult> results = new ArrayList<>();
        bySuffix.forEach((key, l) -> results.addAll(listed(l, copies.getOrDefault(key, List.of()))));
        results.addAll(unverified);
        return List.copyOf(results);
    }

    private static List<ObjectResult> listed(Listed l, List<ScanResult.LocalObject> present) {
        DigestFile.LogFileEntry e = l.entry();
        if (present.isEmpty()) {
            return List.of(result(ObjectState.MISSING, l, Optional.empty(), Optional.empty(),
                    "listed in a digest, not in the inputs: deleted or not downloaded"));
        }
        List<ObjectResult> modified = new ArrayList<>();
        for (ScanResult.LocalObject o : present) {
            if (o.error().isPresent()) {
                modified.add(result(ObjectState.MODIFIED, l, Optional.of(o.path()), Optional.empty(),
                        o.error().get() + " (the delivered object was complete)"));
            } else if (!o.sha256().orElseThrow().equalsIgnoreCase(e.hashValue())) {
                modified.add(result(ObjectState.MODIFIED, l, Optional.of(o.path()), o.sha256(),
                        "SHA-256 of the uncompressed content differs from the digest's"));
            }
        }
        if (!modified.isEmpty()) {
            return modified;
        }
        ScanResult.LocalObject first = present.get(0);
        return List.of(result(ObjectState.VERIFIED, l, Optional.of(first.path()), first.sha256(), ""));
    }

    private static ObjectResult result(ObjectState state, Listed l, Optional<String> path, Optional<String> actual,
                                       String detail) {
        DigestFile.LogFileEntry e = l.entry();
        Optional<S3Location> where = S3Location.of(e.s3Object());
        return new ObjectResult(state, e.s3Object(), path,
                Optional.of(where.map(S3Location::accountId).orElse(l.digest().awsAccountId())),
                where.map(S3Location::region).or(() -> DigestChains.region(l.digest())), e.oldestEventTime(),
                e.newestEventTime(), Optional.of(l.digest().digestS3Object()), Optional.of(e.hashValue()), actual,
                detail);
    }

    /** An object no digest lists, with what the digests say about its account, region and time. */
    private static ObjectResult unverified(ScanResult.LocalObject o, String key, Map<String, Span> spans) {
        Optional<S3Location> where = S3Location.of(o.path());
        Optional<Instant> time = S3Location.nameTime(o.path());
        String detail;
        if (where.isEmpty()) {
            detail = "no account/region in its path or name: cannot be matched to digests";
        } else {
            Span span = spans.get(spanKey(where.get().accountId(), Optional.of(where.get().region())));
            detail = coverage(where.get(), time, span);
        }
        if (o.error().isPresent()) {
            detail = o.error().get() + "; " + detail;
        }
        return new ObjectResult(ObjectState.UNVERIFIED, key, Optional.of(o.path()),
                where.map(S3Location::accountId), where.map(S3Location::region), Optional.empty(), time,
                Optional.empty(), Optional.empty(), o.sha256(), detail);
    }

    private static String coverage(S3Location where, Optional<Instant> time, Span span) {
        String ar = where.accountId() + "/" + where.region();
        if (span == null) {
            return "no digests for " + ar + " in the inputs";
        }
        String range = " (digests span " + span.start() + " to " + span.end() + ")";
        if (time.isEmpty()) {
            return "no time in its name to compare with the digests for " + ar + range;
        }
        Instant t = time.get();
        if (t.isBefore(span.start())) {
            return "older than the digests for " + ar + range;
        }
        if (t.plus(DELIVERY_LAG).isAfter(span.end())) {
            return "newer than the digests for " + ar + " cover: its digest may not be in the inputs" + range;
        }
        return "covered by the digests for " + ar + " but listed in none: a digest is missing, or CloudTrail did not "
                + "deliver it" + range;
    }

    private static String spanKey(String account, Optional<String> region) {
        return account + "/" + region.orElse("?");
    }
}

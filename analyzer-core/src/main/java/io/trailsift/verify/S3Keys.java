package io.trailsift.verify;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps local copies to the S3 keys a digest names. AWS's custom-validation page
 * (doc_source/cloudtrail-log-file-custom-validation.md, "Path Resolution") leaves it to an offline
 * tool to reroute {@code s3Object} to where the files were downloaded. We compare the part of
 * the key that starts at {@code AWSLogs/} (a download keeps it, whatever folder or archive it
 * sits in, and a trail's key prefix is dropped on both sides), and fall back to the file name for
 * files copied flat (CloudTrail file names are unique: account, region, time, random suffix).
 * A trailing {@code .gz} is ignored because hashes cover the uncompressed content, so a
 * hand-gunzipped copy is still the same object.
 */
final class S3Keys {
    private static final Pattern AWSLOGS = Pattern.compile("(?:^|/|!)(AWSLogs/.*)$");
    private static final Pattern NAME_TIME = Pattern.compile("_(\\d{8}T\\d{4}(?:\\d{2})?Z)(?:[_.]|$)");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern DATE_FOLDERS = Pattern.compile("/\\d{4}/\\d{2}/\\d{2}/");
    private static final Pattern DIGEST_TIME_SUFFIX = Pattern.compile("_\\d{8}T\\d{6}Z\\.json(?:\\.gz)?$");

    private S3Keys() {
    }

    /** The key from {@code AWSLogs/} on, if the path has that segment. */
    static Optional<String> keySuffix(String path) {
        Matcher m = AWSLOGS.matcher(path.replace('\\', '/'));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Last segment of a path, archive entry or key. */
    static String fileName(String path) {
        String p = path.replace('\\', '/');
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('!'));
        return p.substring(cut + 1);
    }

    /** What to match a local copy and a digest entry on: the key suffix, else the file name; without {@code .gz}. */
    static String matchKey(String path) {
        return withoutGz(keySuffix(path).orElseGet(() -> fileName(path)));
    }

    private static String withoutGz(String s) {
        return s.endsWith(".gz") ? s.substring(0, s.length() - 3) : s;
    }

    /**
     * The time CloudTrail put in the file name: {@code …_20150817T1445Z_…} for log files (the
     * newest event, per the digest structure page), {@code …_20150817T150131Z.json.gz} for digests
     * (the digest's end time).
     */
    static Optional<Instant> nameTime(String path) {
        Matcher m = NAME_TIME.matcher(fileName(path));
        if (!m.find()) {
            return Optional.empty();
        }
        String t = m.group(1);
        try {
            return Optional.of(LocalDateTime.parse(t, t.length() == 14 ? MINUTES : SECONDS).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Which chain a digest belongs to: one per bucket, account, region and trail, i.e. its key
     * without the date folders and the end-time suffix.
     */
    static String digestStream(DigestFile d) {
        String key = DATE_FOLDERS.matcher(d.digestS3Object()).replaceFirst("/");
        return d.digestS3Bucket() + "/" + DIGEST_TIME_SUFFIX.matcher(key).replaceFirst("");
    }
}

package io.trailsift.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where S3 put a CloudTrail object, read from its key or local path: account, region and day
 * from {@code AWSLogs/[o-org/]ACCOUNT/CloudTrail[-Digest|-Insight]/REGION/YYYY/MM/DD/...}, or
 * from the file name alone ({@code ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_...}) when a
 * responder copied the files flat. The one parser of CloudTrail S3 keys: ingest narrows big
 * archives with it without opening objects, verify matches local copies to the keys digests name.
 *
 * <p>Matching a copy to a digest's key: AWS's custom-validation page ("Path Resolution") leaves it
 * to an offline tool to reroute {@code s3Object} to where the files were downloaded. The part of
 * the key from {@code AWSLogs/} on survives any download (whatever folder or archive holds it,
 * and a trail's key prefix is dropped on both sides); files copied flat are matched by name
 * (CloudTrail file names are unique: account, region, time, random suffix). A trailing {@code .gz}
 * is ignored, because digests hash the uncompressed content: a hand-gunzipped copy is the same object.
 */
public record S3Location(String accountId, String region, LocalDate day) {
    private static final Pattern FOLDERS = Pattern.compile(
            "(?:^|[/\\\\!])(\\d{12})[/\\\\]CloudTrail(?:-Digest|-Insight)?[/\\\\]([a-z0-9-]+)[/\\\\](\\d{4})[/\\\\](\\d{2})[/\\\\](\\d{2})(?:[/\\\\]|$)");
    private static final Pattern FILE_NAME = Pattern.compile(
            "(?:^|[/\\\\!])(\\d{12})_CloudTrail(?:-Digest|-Insight)?_([a-z0-9-]+)_(\\d{4})(\\d{2})(\\d{2})T");
    private static final Pattern AWSLOGS = Pattern.compile("(?:^|/|!)(AWSLogs/.*)$");
    private static final Pattern NAME_TIME = Pattern.compile("_(\\d{8}T\\d{4}(?:\\d{2})?Z)(?:[_.]|$)");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    public static Optional<S3Location> of(String path) {
        Matcher m = FOLDERS.matcher(path);
        if (!m.find()) {
            m = FILE_NAME.matcher(path);
            if (!m.find()) {
                return Optional.empty();
            }
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)));
            return Optional.of(new S3Location(m.group(1), m.group(2), day));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** The key from {@code AWSLogs/} on, if the path has that segment. */
    public static Optional<String> keySuffix(String path) {
        Matcher m = AWSLOGS.matcher(path.replace('\\', '/'));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Last segment of a path, archive entry or key. */
    public static String fileName(String path) {
        String p = path.replace('\\', '/');
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('!'));
        return p.substring(cut + 1);
    }

    /** What to match a local copy and a digest entry on: the key suffix, else the file name; without {@code .gz}. */
    public static String matchKey(String path) {
        String key = keySuffix(path).orElseGet(() -> fileName(path));
        return key.endsWith(".gz") ? key.substring(0, key.length() - 3) : key;
    }

    /**
     * The time CloudTrail put in the file name: {@code …_20150817T1445Z_…} for log files (the
     * newest event, per the digest structure page), {@code …_20150817T150131Z.json.gz} for digests
     * (the digest's end time).
     */
    public static Optional<Instant> nameTime(String path) {
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
}

package io.trailsift.source;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an object is to a CloudTrail investigation, decided once from its path and its first
 * decompressed bytes. Content wins over the path where they disagree: a {@code {"Records":...}}
 * object is a log wherever it sits, and a digest copied flat is still a digest.
 */
public enum ObjectKind {
    /** CloudTrail's event log: {@code {"Records":...}}, or an object under a {@code CloudTrail/} folder. */
    LOG,
    /** A CloudTrail-Insight object: events, though not API calls. */
    INSIGHT,
    /** A CloudTrail-Digest file: hashes and signatures of the logs, read by {@code verify}. */
    DIGEST,
    /** A digest's saved S3 metadata ({@code <digest>.metadata.json}), which holds its signature. */
    SIDECAR,
    /** Anything else: manifests, notes, exports in another layout. */
    OTHER;

    /** Suffix of a file holding a digest's saved S3 metadata. */
    public static final String SIDECAR_SUFFIX = ".metadata.json";

    /** The keys a digest file starts with (CloudTrail writes {@code awsAccountId} first). */
    private static final List<String> DIGEST_KEYS = List.of("awsAccountId", "digestStartTime", "digestEndTime",
            "digestS3Bucket", "digestS3Object", "logFiles");
    private static final Pattern CLOUDTRAIL_FOLDER = Pattern.compile("(?:^|[/\\\\!])CloudTrail[/\\\\]");

    /** Classifies by path and the first {@code n} bytes of the decompressed content. */
    public static ObjectKind of(String path, byte[] head, int n) {
        String firstKey = firstKey(head, n);
        if (DIGEST_KEYS.contains(firstKey)) {
            return DIGEST;
        }
        if (firstKey.equals("Records")) {
            return inInsightFolder(path) ? INSIGHT : LOG;
        }
        if (path.endsWith(SIDECAR_SUFFIX)) {
            return SIDECAR;
        }
        if (inInsightFolder(path)) {
            return INSIGHT;
        }
        return CLOUDTRAIL_FOLDER.matcher(path).find() ? LOG : OTHER;
    }

    /** Under a {@code CloudTrail-Digest/} prefix, whatever the content. */
    public static boolean inDigestFolder(String path) {
        return path.contains("CloudTrail-Digest");
    }

    private static boolean inInsightFolder(String path) {
        return path.contains("CloudTrail-Insight");
    }

    /**
     * The name of the first member when the content starts as a JSON object ({@code {"name"}, after
     * an optional byte order mark and white space), else "". Names with escapes are not unescaped:
     * neither CloudTrail nor a digest writes them.
     */
    private static String firstKey(byte[] head, int n) {
        int i = n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        i = skipSpace(head, n, i);
        if (i >= n || head[i] != '{') {
            return "";
        }
        i = skipSpace(head, n, i + 1);
        if (i >= n || head[i] != '"') {
            return "";
        }
        for (int end = i + 1; end < n; end++) {
            if (head[end] == '"') {
                return new String(head, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            if (head[end] == '\\') {
                return "";
            }
        }
        return "";
    }

    private static int skipSpace(byte[] b, int n, int i) {
        while (i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }
}

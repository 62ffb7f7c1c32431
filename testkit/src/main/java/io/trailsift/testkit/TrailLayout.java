package io.trailsift.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Where an organization trail puts its objects, and how they are encoded:
 * {@code AWSLogs/o-ORG/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_XXXXXXXXXXXXXXXX.json.gz},
 * one gzip member with mtime 0 ({@link GZIPOutputStream} writes a zero mtime and no file name),
 * so the bytes depend on the content only.
 */
public record TrailLayout(String orgId) {

    /** The S3 key of a log object delivered at {@code delivered}. */
    public String logKey(String account, String region, Instant delivered, String suffix) {
        return "AWSLogs/" + orgId + "/" + account + "/CloudTrail/" + region + "/" + Times.dayFolders(delivered) + "/"
                + account + "_CloudTrail_" + region + "_" + Times.objectName(delivered) + "_" + suffix + ".json.gz";
    }

    /**
     * The S3 key of a digest file ending at {@code end}, per AWS's "CloudTrail digest file
     * structure" page: {@code ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_TIMESTAMP.json.gz}.
     */
    public String digestKey(String account, String region, String trailName, String homeRegion, Instant end) {
        return "AWSLogs/" + orgId + "/" + account + "/CloudTrail-Digest/" + region + "/" + Times.dayFolders(end) + "/"
                + account + "_CloudTrail-Digest_" + region + "_" + trailName + "_" + homeRegion + "_"
                + Times.digestName(end) + ".json.gz";
    }

    /** {@code {"Records":[...]}} with the records' JSON as given, the way CloudTrail writes it (one line). */
    public static byte[] records(Iterable<String> recordJson) {
        StringBuilder sb = new StringBuilder(64 * 1024).append("{\"Records\":[");
        boolean first = true;
        for (String r : recordJson) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(r);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 8 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

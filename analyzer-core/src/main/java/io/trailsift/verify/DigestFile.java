package io.trailsift.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.trailsift.event.EventTimes;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One CloudTrail digest file, as described in AWS's "CloudTrail digest file structure"
 * (awsdocs/aws-cloudtrail-user-guide, doc_source/cloudtrail-log-file-validation-digest-file-structure.md).
 * Time fields keep their original text as well, because the string CloudTrail signs contains
 * {@code digestEndTime} exactly as written in the file.
 *
 * @param previousDigestSignature null in a "starting digest" (first after validation or logging starts)
 */
record DigestFile(String awsAccountId, Instant digestStartTime, Instant digestEndTime,
                         String digestEndTimeText, String digestS3Bucket, String digestS3Object,
                         Optional<String> publicKeyFingerprint, Optional<String> signatureAlgorithm,
                         Optional<String> previousDigestS3Bucket, Optional<String> previousDigestS3Object,
                         Optional<String> previousDigestHashValue, Optional<String> previousDigestSignature,
                         List<LogFileEntry> logFiles) {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One entry of {@code logFiles}. Per the same document, {@code hashValue} is the hex SHA-256
     * of the UNCOMPRESSED log file content; the times are the oldest and newest event it holds.
     */
    public record LogFileEntry(String s3Bucket, String s3Object, String hashValue, String hashAlgorithm,
                               Optional<Instant> oldestEventTime, Optional<Instant> newestEventTime) {
    }

    /** {@code bucket/key}: how a digest names itself and its predecessor. */
    public String location() {
        return digestS3Bucket + "/" + digestS3Object;
    }

    public Optional<String> previousLocation() {
        return previousDigestS3Object.map(o -> previousDigestS3Bucket.orElse("") + "/" + o);
    }

    /** Parses the uncompressed content of a digest. Throws with a reason when a required field is absent. */
    public static DigestFile parse(byte[] content) throws IOException {
        Fields top = new Fields();
        List<LogFileEntry> logs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("logFiles") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        logs.add(entry(readFlatObject(p)));
                    }
                } else {
                    top.put(name, p, value);
                }
            }
        }
        String start = top.required("digestStartTime");
        String end = top.required("digestEndTime");
        return new DigestFile(top.required("awsAccountId"), time(start, "digestStartTime"), time(end, "digestEndTime"),
                end, top.required("digestS3Bucket"), top.required("digestS3Object"),
                // the sample names it digestPublicKeyFingerprint, the field list publicKeyFingerprint
                top.get("digestPublicKeyFingerprint").or(() -> top.get("publicKeyFingerprint")),
                top.get("digestSignatureAlgorithm"), top.get("previousDigestS3Bucket"),
                top.get("previousDigestS3Object"), top.get("previousDigestHashValue"),
                top.get("previousDigestSignature"), List.copyOf(logs));
    }

    private static LogFileEntry entry(Fields f) throws IOException {
        return new LogFileEntry(f.get("s3Bucket").orElse(""), f.required("s3Object"), f.required("hashValue"),
                f.get("hashAlgorithm").orElse("SHA-256"), f.get("oldestEventTime").flatMap(DigestFile::optionalTime),
                f.get("newestEventTime").flatMap(DigestFile::optionalTime));
    }

    private static Fields readFlatObject(JsonParser p) throws IOException {
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            f.put(name, p, p.nextToken());
        }
        return f;
    }

    private static Instant time(String text, String field) throws IOException {
        return optionalTime(text).orElseThrow(() -> new IOException(field + " is not a time: " + text));
    }

    static Optional<Instant> optionalTime(String text) {
        OptionalLong micros = EventTimes.parseMicros(text);
        if (micros.isEmpty()) {
            return Optional.empty();
        }
        long m = micros.getAsLong();
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000));
    }

    /** Scalar string fields of one JSON object; nested values are skipped, JSON null is absent. */
    private static final class Fields {
        private final java.util.Map<String, String> values = new java.util.HashMap<>();

        void put(String name, JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                values.put(name, p.getText());
            }
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        String required(String name) throws IOException {
            return get(name).orElseThrow(() -> new IOException("digest field " + name + " is missing"));
        }
    }
}

package io.trailsift.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Test side of log file validation: writes what a CloudTrail trail with validation on puts in its
 * bucket (gzipped log objects, hourly gzipped digests chained and signed with a test RSA key)
 * under a folder, following AWS's user guide independently of the production code:
 * digest-file-structure page for the fields (hashes of UNCOMPRESSED content), custom-validation
 * page for the signed string {@code digestEndTime\nbucket/key\nhex(sha256(digest))\nprevious signature}
 * ({@code null} for a starting digest), SHA256withRSA, hex. Reusable by fixture generators.
 */
public final class DigestWriter {
    private static final DateTimeFormatter LOG_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DIGEST_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    /** One event of a log object. */
    public record TestEvent(String eventSource, String eventName, Instant time) {
    }

    /** A delivered log object, as a digest lists it ({@code file} is null when writing into a zip). */
    public record Delivered(String s3Key, Path file, String sha256, Instant oldest, Instant newest, Instant deliveredAt) {
    }

    private final Path root;
    private final ZipOutputStream zip;
    private final String bucket;
    private final String account;
    private final String region;
    private final String trail;
    private final KeyPair keys;
    private final List<Delivered> pending = new ArrayList<>();
    private String previousKey;
    private String previousHash;
    private String previousSignature;
    private int counter;

    /** Writes the bucket's objects as files under {@code root}, at their S3 keys. */
    public DigestWriter(Path root, String bucket, String account, String region, String trail, KeyPair keys) {
        this(root, null, bucket, account, region, trail, keys);
    }

    /**
     * Writes the bucket's objects as entries of a zip (named by their S3 keys): one file instead
     * of thousands, for tests that need many objects on a slow disk.
     */
    public DigestWriter(ZipOutputStream zip, String bucket, String account, String region, String trail, KeyPair keys) {
        this(null, zip, bucket, account, region, trail, keys);
    }

    private DigestWriter(Path root, ZipOutputStream zip, String bucket, String account, String region, String trail,
                         KeyPair keys) {
        this.root = root;
        this.zip = zip;
        this.bucket = bucket;
        this.account = account;
        this.region = region;
        this.trail = trail;
        this.keys = keys;
    }

    private static KeyPair shared;

    /** One key pair for all tests of a JVM: RSA key generation is slow. */
    public static synchronized KeyPair sharedKeyPair() {
        if (shared == null) {
            try {
                shared = newKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is part of every JRE", e);
            }
        }
        return shared;
    }

    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** Fingerprint of the test key: MD5 of its PKCS#1 bytes, hex (32 characters, like AWS's). */
    public String fingerprint() throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1(keys)));
    }

    /** Writes a gzipped log object holding the events, delivered at {@code deliveredAt}. */
    public Delivered logFile(List<TestEvent> events, Instant deliveredAt) throws IOException {
        Instant oldest = events.stream().map(TestEvent::time).min(Instant::compareTo).orElseThrow();
        Instant newest = events.stream().map(TestEvent::time).max(Instant::compareTo).orElseThrow();
        String name = account + "_CloudTrail_" + region + "_" + LOG_NAME.format(newest) + "_"
                + String.format("u%015d", ++counter) + ".json.gz";
        String key = "AWSLogs/" + account + "/CloudTrail/" + region + "/" + FOLDERS.format(newest) + "/" + name;
        byte[] content = records(events);
        Path file = write(key, gzip(content));
        Delivered d = new Delivered(key, file, sha256Hex(content), oldest, newest, deliveredAt);
        pending.add(d);
        return d;
    }

    /** The next link of the chain: starting when {@link #restartChain()} was called or nothing came before. */
    public Path digest(Instant start, Instant end) throws IOException, GeneralSecurityException {
        List<Delivered> listed = pending.stream()
                .filter(d -> !d.deliveredAt().isBefore(start) && d.deliveredAt().isBefore(end)).toList();
        pending.removeAll(listed);
        String key = "AWSLogs/" + account + "/CloudTrail-Digest/" + region + "/" + FOLDERS.format(end) + "/" + account
                + "_CloudTrail-Digest_" + region + "_" + trail + "_" + region + "_" + DIGEST_NAME.format(end) + ".json.gz";
        byte[] content = digestJson(key, start, end, listed);
        String hash = sha256Hex(content);
        String endText = DateTimeFormatter.ISO_INSTANT.format(end);
        String toSign = endText + "\n" + bucket + "/" + key + "\n" + hash + "\n"
                + (previousSignature == null ? "null" : previousSignature);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(toSign.getBytes(StandardCharsets.UTF_8));
        String signature = HexFormat.of().formatHex(s.sign());
        Path file = write(key, gzip(content));
        previousKey = key;
        previousHash = hash;
        previousSignature = signature;
        return file;
    }

    /** The next digest starts a new chain, as after StopLogging/StartLogging. */
    public void restartChain() {
        previousKey = null;
        previousHash = null;
        previousSignature = null;
    }

    /** Saves the newest digest's signature the way {@code aws s3api head-object} shows its metadata. */
    public Path sidecarForNewest(Path digest) throws IOException {
        Path sidecar = digest.resolveSibling(digest.getFileName() + ".metadata.json");
        Files.writeString(sidecar, "{\"ContentType\":\"application/json\",\"Metadata\":{\"signature\":\""
                + previousSignature + "\",\"signature-algorithm\":\"SHA256withRSA\"}}");
        return sidecar;
    }

    /** The key list as {@code aws cloudtrail list-public-keys} prints it (PKCS#1 DER, base64). */
    public Path publicKeys(Path file) throws IOException, GeneralSecurityException {
        Files.writeString(file, "{\"PublicKeyList\":[{\"Value\":\"" + Base64.getEncoder().encodeToString(pkcs1(keys))
                + "\",\"ValidityStartTime\":\"2026-01-01T00:00:00+00:00\",\"ValidityEndTime\":\"2027-01-01T00:00:00+00:00\","
                + "\"Fingerprint\":\"" + fingerprint() + "\"}]}");
        return file;
    }

    private byte[] records(List<TestEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (TestEvent e : events) {
                g.writeStartObject();
                g.writeStringField("eventVersion", "1.08");
                g.writeObjectFieldStart("userIdentity");
                g.writeStringField("type", "IAMUser");
                g.writeStringField("arn", "arn:aws:iam::" + account + ":user/alice");
                g.writeStringField("accountId", account);
                g.writeStringField("accessKeyId", "AKIAEXAMPLEVERIFY001");
                g.writeStringField("userName", "alice");
                g.writeEndObject();
                g.writeStringField("eventTime", DateTimeFormatter.ISO_INSTANT.format(e.time()));
                g.writeStringField("eventSource", e.eventSource());
                g.writeStringField("eventName", e.eventName());
                g.writeStringField("awsRegion", region);
                g.writeStringField("sourceIPAddress", "198.51.100.7");
                g.writeStringField("eventID", UUID.nameUUIDFromBytes((region + e + counter).getBytes()).toString());
                g.writeStringField("eventType", "AwsApiCall");
                g.writeStringField("recipientAccountId", account);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private byte[] digestJson(String key, Instant start, Instant end, List<Delivered> listed)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("awsAccountId", account);
            g.writeStringField("digestStartTime", DateTimeFormatter.ISO_INSTANT.format(start));
            g.writeStringField("digestEndTime", DateTimeFormatter.ISO_INSTANT.format(end));
            g.writeStringField("digestS3Bucket", bucket);
            g.writeStringField("digestS3Object", key);
            g.writeStringField("digestPublicKeyFingerprint", fingerprint());
            g.writeStringField("digestSignatureAlgorithm", "SHA256withRSA");
            writeTimeOrNull(g, "newestEventTime", listed.stream().map(Delivered::newest).max(Instant::compareTo).orElse(null));
            writeTimeOrNull(g, "oldestEventTime", listed.stream().map(Delivered::oldest).min(Instant::compareTo).orElse(null));
            writeOrNull(g, "previousDigestS3Bucket", previousKey == null ? null : bucket);
            writeOrNull(g, "previousDigestS3Object", previousKey);
            writeOrNull(g, "previousDigestHashValue", previousHash);
            writeOrNull(g, "previousDigestHashAlgorithm", previousKey == null ? null : "SHA-256");
            writeOrNull(g, "previousDigestSignature", previousSignature);
            g.writeArrayFieldStart("logFiles");
            for (Delivered d : listed) {
                g.writeStartObject();
                g.writeStringField("s3Bucket", bucket);
                g.writeStringField("s3Object", d.s3Key());
                g.writeStringField("hashValue", d.sha256());
                g.writeStringField("hashAlgorithm", "SHA-256");
                g.writeStringField("newestEventTime", DateTimeFormatter.ISO_INSTANT.format(d.newest()));
                g.writeStringField("oldestEventTime", DateTimeFormatter.ISO_INSTANT.format(d.oldest()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeTimeOrNull(JsonGenerator g, String field, Instant t) throws IOException {
        writeOrNull(g, field, t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t));
    }

    private static void writeOrNull(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    private Path write(String key, byte[] bytes) throws IOException {
        if (zip != null) {
            zip.putNextEntry(new ZipEntry(key));
            zip.write(bytes);
            zip.closeEntry();
            return null;
        }
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static String sha256Hex(byte[] content) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /**
     * The PKCS#1 RSAPublicKey inside the JDK's X.509 encoding: the content of the BIT STRING that
     * follows the AlgorithmIdentifier, minus its unused-bits byte.
     */
    static byte[] pkcs1(KeyPair keys) {
        byte[] spki = keys.getPublic().getEncoded();
        int[] pos = {0};
        header(spki, pos); // outer SEQUENCE
        int algLength = header(spki, pos); // AlgorithmIdentifier
        pos[0] += algLength;
        int bits = header(spki, pos); // BIT STRING
        return Arrays.copyOfRange(spki, pos[0] + 1, pos[0] + bits);
    }

    /** Reads a DER tag and length at pos (advancing it past both); returns the length. */
    private static int header(byte[] der, int[] pos) {
        pos[0]++; // tag
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }
}

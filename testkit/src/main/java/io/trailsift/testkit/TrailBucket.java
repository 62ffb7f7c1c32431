package io.trailsift.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a trail with log file validation puts in its bucket, for the verify tests: gzipped log
 * objects, hourly gzipped digests chained and signed ({@link DigestSigner}), the newest digest's
 * saved S3 metadata and the key list, written under a folder or into a zip at their S3 keys
 * ({@code AWSLogs/ACCOUNT/...}, a single account's trail).
 */
public final class TrailBucket {
    /** One event of a log object. */
    public record TestEvent(String eventSource, String eventName, Instant time) {
    }

    /** A delivered log object, as a digest lists it ({@code file} is null when writing into a zip). */
    public record Delivered(String s3Key, Path file, String sha256, Instant oldest, Instant newest, Instant deliveredAt) {
    }

    private final Path root;
    private final ZipOutputStream zip;
    private final String account;
    private final String region;
    private final String trail;
    private final TestSigningKey key;
    private final DigestSigner signer;
    private final Identity caller;
    private final List<Delivered> pending = new ArrayList<>();
    private Optional<DigestSigner.Digest> previous = Optional.empty();
    private int counter;

    /** Writes the bucket's objects as files under {@code root}, at their S3 keys. */
    public TrailBucket(Path root, String bucket, String account, String region, String trail, TestSigningKey key) {
        this(root, null, bucket, account, region, trail, key);
    }

    /**
     * Writes the bucket's objects as entries of a zip (named by their S3 keys): one file instead
     * of thousands, for tests that need many objects on a slow disk.
     */
    public TrailBucket(ZipOutputStream zip, String bucket, String account, String region, String trail,
                       TestSigningKey key) {
        this(null, zip, bucket, account, region, trail, key);
    }

    private TrailBucket(Path root, ZipOutputStream zip, String bucket, String account, String region, String trail,
                        TestSigningKey key) {
        this.root = root;
        this.zip = zip;
        this.account = account;
        this.region = region;
        this.trail = trail;
        this.key = key;
        this.signer = new DigestSigner(bucket, key);
        this.caller = Identity.iamUser(account, "alice", "AIDAALICE", "AKIAEXAMPLEVERIFY001");
    }

    public String fingerprint() {
        return key.fingerprint();
    }

    /** Writes a gzipped log object holding the events, delivered at {@code deliveredAt}. */
    public Delivered logFile(List<TestEvent> events, Instant deliveredAt) throws IOException {
        Instant oldest = events.stream().map(TestEvent::time).min(Instant::compareTo).orElseThrow();
        Instant newest = events.stream().map(TestEvent::time).max(Instant::compareTo).orElseThrow();
        String name = account + "_CloudTrail_" + region + "_" + Times.objectName(newest) + "_"
                + String.format("u%015d", ++counter) + ".json.gz";
        String s3Key = "AWSLogs/" + account + "/CloudTrail/" + region + "/" + Times.dayFolders(newest) + "/" + name;
        List<String> records = new ArrayList<>();
        for (TestEvent e : events) {
            String id = UUID.nameUUIDFromBytes((region + e + counter).getBytes(StandardCharsets.UTF_8)).toString();
            records.add(new CloudTrailEvent(caller, e.time(), e.eventSource(), e.eventName(), region, id, null)
                    .from("198.51.100.7", null).json());
        }
        byte[] content = TrailLayout.records(records);
        Path file = write(s3Key, TrailLayout.gzip(content));
        Delivered d = new Delivered(s3Key, file, TrailLayout.sha256Hex(content), oldest, newest, deliveredAt);
        pending.add(d);
        return d;
    }

    /** The next link of the chain: starting when {@link #restartChain()} was called or nothing came before. */
    public Path digest(Instant start, Instant end) throws IOException {
        List<Delivered> listed = pending.stream()
                .filter(d -> !d.deliveredAt().isBefore(start) && d.deliveredAt().isBefore(end)).toList();
        pending.removeAll(listed);
        String s3Key = "AWSLogs/" + account + "/CloudTrail-Digest/" + region + "/" + Times.dayFolders(end) + "/" + account
                + "_CloudTrail-Digest_" + region + "_" + trail + "_" + region + "_" + Times.digestName(end) + ".json.gz";
        DigestSigner.Digest d = signer.sign(account, s3Key, start, end, listed.stream()
                .map(l -> new DigestSigner.Listed(l.s3Key(), l.sha256(), l.oldest(), l.newest())).toList(), previous);
        previous = Optional.of(d);
        return write(s3Key, TrailLayout.gzip(d.content()));
    }

    /** The next digest starts a new chain, as after StopLogging/StartLogging. */
    public void restartChain() {
        previous = Optional.empty();
    }

    /** Saves the newest digest's signature the way {@code aws s3api head-object} shows its metadata. */
    public Path sidecarForNewest(Path digest) throws IOException {
        Path sidecar = digest.resolveSibling(digest.getFileName() + ".metadata.json");
        Files.writeString(sidecar, "{\"ContentType\":\"application/json\",\"Metadata\":{\"signature\":\""
                + previous.orElseThrow().signature() + "\",\"signature-algorithm\":\"SHA256withRSA\"}}");
        return sidecar;
    }

    /** The key list as {@code aws cloudtrail list-public-keys} prints it (PKCS#1 DER, base64). */
    public Path publicKeys(Path file) throws IOException {
        Files.writeString(file, "{\"PublicKeyList\":[{\"Value\":\"" + Base64.getEncoder().encodeToString(key.publicKeyPkcs1())
                + "\",\"ValidityStartTime\":\"2026-01-01T00:00:00+00:00\",\"ValidityEndTime\":\"2027-01-01T00:00:00+00:00\","
                + "\"Fingerprint\":\"" + fingerprint() + "\"}]}");
        return file;
    }

    private Path write(String s3Key, byte[] bytes) throws IOException {
        if (zip != null) {
            zip.putNextEntry(new ZipEntry(s3Key));
            zip.write(bytes);
            zip.closeEntry();
            return null;
        }
        Path file = root.resolve(s3Key);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}

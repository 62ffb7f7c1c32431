package io.trailsift.verify;

import io.trailsift.source.InputFiles;
import io.trailsift.source.ReadLimits;
import io.trailsift.source.S3Location;
import io.trailsift.testkit.TestSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces verify is built from: key list, digest parsing, key mapping, signed string, sidecars. */
class VerifyPartsTest {
    @TempDir
    Path dir;

    private static PublicKeys keysJson(String field, String base64, String fingerprint) throws IOException {
        String json = "{\"" + field + "\":[{\"ValidityStartTime\":\"1436317441.0\",\"Value\":\"" + base64
                + "\",\"Fingerprint\":\"" + fingerprint + "\"}],\"NextToken\":null}";
        return PublicKeys.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void publicKeysAcceptPkcs1AndX509EncodingsAndBothSpellings() throws Exception {
        TestSigningKey k = TestSigningKey.generate();
        PublicKeys pkcs1 = keysJson("PublicKeyList", Base64.getEncoder().encodeToString(k.publicKeyPkcs1()), "AB12");
        assertEquals(k.publicKey(), pkcs1.forFingerprint("ab12").orElseThrow());
        PublicKeys x509 = keysJson("publicKeyList", Base64.getEncoder().encodeToString(k.publicKey().getEncoded()), "cd34");
        assertEquals(k.publicKey(), x509.forFingerprint("CD34").orElseThrow());
        assertEquals(Optional.empty(), x509.forFingerprint("ab12"));
        assertArrayEquals(k.publicKey().getEncoded(), PublicKeys.subjectPublicKeyInfo(k.publicKeyPkcs1()));
    }

    @Test
    void publicKeysRejectWhatIsNotAKeyList() {
        assertThrows(IOException.class, () -> keysJson("PublicKeyList", "bm90IGEga2V5", "ab"));
        assertThrows(IOException.class, () -> PublicKeys.read(new ByteArrayInputStream("[]".getBytes())));
        assertThrows(IOException.class, () -> PublicKeys.read(new ByteArrayInputStream("{\"PublicKeyList\":[]}".getBytes())));
    }

    /** The sample digest of AWS's digest structure page, shortened. */
    private static final String SAMPLE = """
            {"awsAccountId":"111122223333","digestStartTime":"2015-08-17T14:01:31Z","digestEndTime":"2015-08-17T15:01:31Z",
             "digestS3Bucket":"S3-bucket-name",
             "digestS3Object":"AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz",
             "digestPublicKeyFingerprint":"31e8b5433410dfb61a9dc45cc65b22ff","digestSignatureAlgorithm":"SHA256withRSA",
             "newestEventTime":"2015-08-17T14:52:27Z","oldestEventTime":"2015-08-17T14:42:27Z",
             "previousDigestS3Bucket":"S3-bucket-name",
             "previousDigestS3Object":"AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T140131Z.json.gz",
             "previousDigestHashValue":"97fb791cf91ffc440d274f8190dbdd9aa09c34432aba82739df18b6d3c13df2d",
             "previousDigestHashAlgorithm":"SHA-256","previousDigestSignature":"50887ccf",
             "logFiles":[{"s3Bucket":"S3-bucket-name",
               "s3Object":"AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/17/111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz",
               "hashValue":"9bb6196fc6b84d6f075a56548feca262bd99ba3c2de41b618e5b6e22c1fc71f6","hashAlgorithm":"SHA-256",
               "newestEventTime":"2015-08-17T14:52:27Z","oldestEventTime":"2015-08-17T14:42:27Z"}]}""";

    @Test
    void parsesTheDocumentedDigestAndBuildsTheDocumentedStringToSign() throws Exception {
        DigestFile d = DigestFile.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2015-08-17T15:01:31Z"), d.digestEndTime());
        assertEquals(Optional.of("31e8b5433410dfb61a9dc45cc65b22ff"), d.publicKeyFingerprint());
        assertEquals(1, d.logFiles().size());
        assertEquals(Optional.of(Instant.parse("2015-08-17T14:42:27Z")), d.logFiles().get(0).oldestEventTime());
        assertEquals(Optional.of("us-east-2"), DigestChains.region(d));
        assertEquals("2015-08-17T15:01:31Z\nS3-bucket-name/" + d.digestS3Object() + "\nabc\n50887ccf",
                DigestSignature.stringToSign(d, "abc"));

        String starting = SAMPLE.replace("\"previousDigestSignature\":\"50887ccf\"", "\"previousDigestSignature\":null");
        DigestFile first = DigestFile.parse(starting.getBytes(StandardCharsets.UTF_8));
        assertTrue(DigestSignature.stringToSign(first, "abc").endsWith("\nabc\nnull"));
    }

    @Test
    void digestWithoutRequiredFieldIsRejected() {
        IOException e = assertThrows(IOException.class, () -> DigestFile.parse(
                SAMPLE.replace("\"digestEndTime\"", "\"other\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals("digest field digestEndTime is missing", e.getMessage());
    }

    @Test
    void localPathsMapToS3KeysFromAwsLogsOrByName() {
        String key = "AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/17/111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz";
        assertEquals(S3Location.matchKey("prefix/" + key), S3Location.matchKey("/cases/x/" + key));
        assertEquals(S3Location.matchKey(key), S3Location.matchKey("dump.zip!" + key.replace(".gz", "")));
        assertEquals(Optional.empty(), S3Location.keySuffix("C:\\flat\\111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json"));
        assertEquals("111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json",
                S3Location.matchKey("C:\\flat\\111122223333_CloudTrail_us-east-2_20150817T1445Z_9nYN7gp2eWAJHIfT.json"));
        assertEquals(Optional.of(Instant.parse("2015-08-17T14:45:00Z")), S3Location.nameTime(key));
        assertEquals(Optional.of(Instant.parse("2015-08-17T15:01:31Z")),
                S3Location.nameTime("111122223333_CloudTrail-Digest_us-east-2_t_us-east-2_20150817T150131Z.json.gz"));
        assertEquals(Optional.empty(), S3Location.nameTime("notes.txt"));
    }

    @Test
    void sidecarTakesHeadObjectOutputOrAFlatSignature() throws Exception {
        assertEquals(Optional.of("0a1b"), sidecar(
                "{\"AcceptRanges\":\"bytes\",\"Metadata\":{\"signature-algorithm\":\"SHA256withRSA\",\"signature\":\"0a1b\"}}"));
        assertEquals(Optional.of("2c3d"), sidecar("{\"signature\":\"2c3d\"}"));
        assertEquals(Optional.empty(), sidecar("[1]"));
    }

    private static Optional<String> sidecar(String content) {
        return ObjectScan.sidecarSignature(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signatureOfGarbageHexDoesNotVerify() throws Exception {
        TestSigningKey k = TestSigningKey.generate();
        DigestFile d = DigestFile.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertTrue(!DigestSignature.verify(d, "00", "zz-not-hex", k.publicKey()));
        assertTrue(!DigestSignature.verify(d, "00", HexFormat.of().formatHex(new byte[256]), k.publicKey()));
    }

    @Test
    void durationsParse() {
        assertEquals(Duration.ofMinutes(90), VerifyOptions.parseDuration("90m"));
        assertEquals(Duration.ofHours(2), VerifyOptions.parseDuration("2h"));
        assertEquals(Duration.ofDays(1), VerifyOptions.parseDuration("1d"));
        assertEquals(Duration.ofHours(1), VerifyOptions.parseDuration("PT1H"));
        assertThrows(IllegalArgumentException.class, () -> VerifyOptions.parseDuration("0h"));
        assertThrows(IllegalArgumentException.class, () -> VerifyOptions.parseDuration("soon"));
    }

    @Test
    void otherFilesAreNeitherLogsNorDigests() throws Exception {
        Files.writeString(dir.resolve("manifest.csv"), "a,b\n");
        Files.writeString(dir.resolve("lookup.json"), "{\"Events\":[]}");
        Files.writeString(dir.resolve("records.json"), "{\"Records\":[]}");
        Path digestFolder = Files.createDirectories(dir.resolve("AWSLogs/111122223333/CloudTrail-Digest/us-east-1"));
        Files.writeString(digestFolder.resolve("notes.txt"), "copied by hand");
        Files.writeString(digestFolder.resolve("broken.json"), "{\"x\":1}");
        ScanResult scan = new ObjectScan(ReadLimits.DEFAULTS.withMaxObjectBytes(1 << 20), 1).scan(java.util.List.of(dir));
        assertEquals(0, scan.digests().size());
        assertEquals(java.util.List.of(digestFolder.resolve("broken.json").toString()),
                scan.damagedDigests().stream().map(ScanResult.DamagedDigest::path).toList());
        assertTrue(scan.damagedDigests().get(0).reason().equals("not a readable digest: digest field digestStartTime is missing"), scan.damagedDigests().get(0).reason());
        assertEquals(java.util.List.of(false, false, false, true),
                scan.objects().stream().map(ScanResult.LocalObject::cloudTrailLog).toList());
        assertEquals(5, InputFiles.list(java.util.List.of(dir)).files().size());
    }
}

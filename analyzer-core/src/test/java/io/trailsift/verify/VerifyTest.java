package io.trailsift.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.TestSigningKey;
import io.trailsift.testkit.TrailBucket.Delivered;
import io.trailsift.testkit.TrailBucket;
import io.trailsift.testkit.TrailLayout;
import io.trailsift.verify.VerifyReport.BreakKind;
import io.trailsift.verify.VerifyReport.ChainBreak;
import io.trailsift.verify.VerifyReport.DeliveryGap;
import io.trailsift.verify.VerifyReport.DigestSignatureState;
import io.trailsift.verify.VerifyReport.ObjectResult;
import io.trailsift.verify.VerifyReport.ObjectState;
import io.trailsift.verify.VerifyReport.SignatureState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.trailsift.verify.TestTrail.ACCOUNT;
import static io.trailsift.verify.TestTrail.REGION;
import static io.trailsift.verify.TestTrail.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyTest {
    @TempDir
    Path dir;

    private final TestSigningKey keys = TestSigningKey.load();

    private Path trailDir() throws Exception {
        return Files.createDirectories(dir.resolve("download"));
    }

    private VerifyReport verify(Path root, Path keysFile) throws Exception {
        return new Verify(VerifyOptions.defaults(List.of(root)).withPublicKeys(keysFile).withThreads(2),
                NearEvents.NONE).run();
    }

    @Test
    void intactTrailVerifiesCompletely() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        t.writer.sidecarForNewest(t.newestDigest());
        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));

        assertEquals(12, r.count(ObjectState.VERIFIED));
        assertEquals(0, r.count(ObjectState.MODIFIED) + r.count(ObjectState.MISSING) + r.count(ObjectState.UNVERIFIED));
        assertEquals(7, r.digests().size());
        assertTrue(r.digests().stream().allMatch(d -> d.signature() == DigestSignatureState.VERIFIED), r.digests()::toString);
        assertEquals(List.of(), r.chainBreaks());
        assertEquals(SignatureState.VERIFIED, r.signatures());
        assertEquals(List.of(), r.gaps());
        assertFalse(r.failed());
    }

    @Test
    void withoutSidecarTheNewestDigestHasNoSignatureAndWithoutKeysNothingIsChecked() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        VerifyReport withKeys = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        assertEquals(SignatureState.VERIFIED, withKeys.signatures());
        assertEquals(List.of(DigestSignatureState.NO_SIGNATURE), withKeys.digests().stream()
                .filter(d -> d.signature() != DigestSignatureState.VERIFIED).map(d -> d.signature()).toList());

        VerifyReport noKeys = new Verify(VerifyOptions.defaults(List.of(root)), NearEvents.NONE).run();
        assertEquals(SignatureState.NOT_CHECKED, noKeys.signatures());
        assertEquals(12, noKeys.count(ObjectState.VERIFIED));
        assertFalse(noKeys.failed());
    }

    @Test
    void editedLogObjectIsModified() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Delivered edited = t.logs.get(5);
        rewrite(edited.file(), "198.51.100.7", "203.0.113.9");

        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        List<ObjectResult> modified = r.withState(ObjectState.MODIFIED);
        assertEquals(1, modified.size());
        ObjectResult m = modified.get(0);
        assertEquals(edited.s3Key(), m.key());
        assertEquals(Optional.of(edited.file().toString()), m.path());
        assertEquals(Optional.of(edited.sha256()), m.expectedSha256());
        assertFalse(m.actualSha256().orElseThrow().equals(edited.sha256()));
        assertEquals(11, r.count(ObjectState.VERIFIED));
        assertEquals(SignatureState.VERIFIED, r.signatures()); // digests untouched
        assertTrue(r.failed());
    }

    @Test
    void truncatedLogObjectIsModified() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Delivered cut = t.logs.get(0);
        byte[] raw = Files.readAllBytes(cut.file());
        Files.write(cut.file(), java.util.Arrays.copyOf(raw, raw.length / 2));

        ObjectResult m = verify(root, t.writer.publicKeys(dir.resolve("keys.json"))).withState(ObjectState.MODIFIED).get(0);
        assertEquals(cut.s3Key(), m.key());
        assertTrue(m.detail().startsWith("cannot read"), m.detail());
    }

    @Test
    void deletedLogObjectIsMissingWithItsSpan() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Delivered gone = t.logs.get(3); // hour 1, newest event 01:40
        Files.delete(gone.file());

        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        List<ObjectResult> missing = r.withState(ObjectState.MISSING);
        assertEquals(1, missing.size());
        ObjectResult m = missing.get(0);
        assertEquals(gone.s3Key(), m.key());
        assertEquals(Optional.of(ACCOUNT), m.accountId());
        assertEquals(Optional.of(REGION), m.region());
        assertEquals(Optional.of(at(1, 38)), m.oldestEventTime());
        assertEquals(Optional.of(at(1, 40)), m.newestEventTime());
        assertTrue(m.digest().orElseThrow().endsWith("_20260301T020000Z.json.gz"), m.digest()::toString);
        assertEquals(List.of(), r.gaps()); // a deleted object was delivered: missing, not a gap
        assertTrue(r.failed());
    }

    @Test
    void removedDigestBreaksTheChainAndLeavesItsObjectsUnverified() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Files.delete(t.digests.get(3)); // covers 03:00-04:00

        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        assertEquals(1, r.chainBreaks().size());
        ChainBreak b = r.chainBreaks().get(0);
        assertEquals(BreakKind.MISSING_DIGEST, b.kind());
        assertTrue(b.digest().endsWith("_20260301T040000Z.json.gz"), b.digest());
        assertEquals(Optional.of(at(3, 0)), b.from());
        assertEquals(Optional.of(at(4, 0)), b.until());
        assertEquals(Optional.of(REGION), b.region());

        List<ObjectResult> unverified = r.withState(ObjectState.UNVERIFIED);
        assertEquals(List.of(t.logs.get(6).s3Key(), t.logs.get(7).s3Key()),
                unverified.stream().map(ObjectResult::key).toList());
        assertTrue(unverified.get(0).detail().startsWith("covered by the digests for 111122223333/us-east-1 but listed in none"),
                unverified.get(0).detail());
        assertEquals(10, r.count(ObjectState.VERIFIED));
        // hour 2's signature was only in the removed digest
        assertEquals(DigestSignatureState.NO_SIGNATURE, r.digests().stream()
                .filter(d -> d.end().equals(at(3, 0))).findFirst().orElseThrow().signature());
        assertTrue(r.failed());
    }

    @Test
    void editedDigestFailsItsHashAndSignature() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Path edited = t.digests.get(2); // 02:00-03:00
        rewrite(edited, "\"digestStartTime\":\"2026-03-01T02:00:00Z\"", "\"digestStartTime\":\"2026-03-01T02:30:00Z\"");

        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        assertEquals(List.of(BreakKind.HASH_MISMATCH), r.chainBreaks().stream().map(ChainBreak::kind).toList());
        assertTrue(r.chainBreaks().get(0).digest().endsWith("_20260301T030000Z.json.gz"));
        VerifyReport.DigestCheck check = r.digests().stream().filter(d -> d.path().equals(edited.toString()))
                .findFirst().orElseThrow();
        assertEquals(DigestSignatureState.FAILED, check.signature());
        assertEquals(SignatureState.FAILED, r.signatures());
        assertEquals(12, r.count(ObjectState.VERIFIED)); // the log objects themselves are intact
        assertTrue(r.failed());
    }

    @Test
    void digestCopiedOverAnotherIsRelocated() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Files.copy(t.digests.get(1), t.digests.get(4), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        List<BreakKind> kinds = r.chainBreaks().stream().map(ChainBreak::kind).toList();
        assertTrue(kinds.contains(BreakKind.RELOCATED), kinds::toString);
        assertTrue(kinds.contains(BreakKind.MISSING_DIGEST), kinds::toString); // the overwritten one is gone
        assertEquals(t.digests.get(4).toString(), r.chainBreaks().stream()
                .filter(b -> b.kind() == BreakKind.RELOCATED).findFirst().orElseThrow().digest());
        assertTrue(r.failed());
    }

    @Test
    void signaturesFromAnotherKeyFail() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        // same fingerprint, different key: every digest with a signature fails
        TrailBucket impostor = new TrailBucket(dir, "b", ACCOUNT, REGION, "x", TestSigningKey.generate());
        String otherKeys = Files.readString(impostor.publicKeys(dir.resolve("other.json")))
                .replace(impostor.fingerprint(), t.writer.fingerprint());
        Path keysFile = Files.writeString(dir.resolve("keys.json"), otherKeys);

        VerifyReport r = verify(root, keysFile);
        assertEquals(SignatureState.FAILED, r.signatures());
        assertEquals(6, r.digests().stream().filter(d -> d.signature() == DigestSignatureState.FAILED).count());
    }

    @Test
    void pausedDeliveriesAroundStopLoggingAreAGapLinkedToTheEvents() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.stoppedForAnHour(root, keys);
        Path keysFile = t.writer.publicKeys(dir.resolve("keys.json"));
        try (EventStore store = Stores.filled(dir.resolve("case.duckdb"), List.of(root))) {
            VerifyReport r = new Verify(VerifyOptions.defaults(List.of(root)).withPublicKeys(keysFile),
                    NearEvents.in(store)).run();

            assertEquals(1, r.gaps().size(), r.gaps()::toString);
            DeliveryGap gap = r.gaps().get(0);
            assertEquals(ACCOUNT, gap.accountId());
            assertEquals(REGION, gap.region());
            assertEquals(at(2, 40), gap.from());
            assertEquals(at(4, 10), gap.until());
            assertEquals(2, gap.nearEvents().size(), gap.nearEvents()::toString);
            assertTrue(gap.nearEvents().get(0).startsWith("StopLogging 2026-03-01T02:40:00Z by arn:aws:iam::111122223333:user/alice ("),
                    gap.nearEvents().get(0));
            assertTrue(gap.nearEvents().get(1).startsWith("StartLogging 2026-03-01T04:10:00Z"), gap.nearEvents().get(1));

            assertEquals(List.of(BreakKind.RESTARTED), r.chainBreaks().stream().map(ChainBreak::kind).toList());
            assertEquals(Optional.of(at(3, 0)), r.chainBreaks().get(0).from());
            assertEquals(Optional.of(at(4, 0)), r.chainBreaks().get(0).until());
            assertEquals(10, r.count(ObjectState.VERIFIED));
            assertEquals(SignatureState.VERIFIED, r.signatures());
        }
    }

    @Test
    void gapThresholdIsConfigurable() throws Exception {
        Path root = trailDir();
        TestTrail.complete(root, keys);
        VerifyReport r = new Verify(VerifyOptions.defaults(List.of(root))
                .withGapThreshold(VerifyOptions.parseDuration("20m")), NearEvents.NONE).run();
        // deliveries are 30 minutes apart: every pause is a gap at 20 minutes
        assertEquals(11, r.gaps().size());
        assertEquals(List.of(), r.gaps().get(0).nearEvents());
    }

    @Test
    void objectsInsideAnArchiveAndHandUnzippedCopiesVerify() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : InputWalkerFiles.under(root)) {
                z.putNextEntry(new ZipEntry("case/" + root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        VerifyReport fromZip = verify(zip, t.writer.publicKeys(dir.resolve("keys.json")));
        assertEquals(12, fromZip.count(ObjectState.VERIFIED));
        assertEquals(List.of(), fromZip.chainBreaks());

        Delivered d = t.logs.get(4);
        Path plain = Path.of(d.file().toString().replaceAll("\\.gz$", ""));
        Files.write(plain, gunzip(d.file()));
        Files.delete(d.file());
        VerifyReport unzipped = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        assertEquals(12, unzipped.count(ObjectState.VERIFIED));
        assertEquals(0, unzipped.count(ObjectState.MISSING));
    }

    @Test
    void logObjectsWithoutDigestsAreUnverifiedAndSaySo() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        for (Path p : t.digests) {
            Files.delete(p);
        }
        VerifyReport r = new Verify(VerifyOptions.defaults(List.of(root)), NearEvents.NONE).run();
        assertEquals(12, r.count(ObjectState.UNVERIFIED));
        assertEquals("no digests for 111122223333/us-east-1 in the inputs", r.objects().get(0).detail());
        assertEquals(0, r.digests().size());
        assertFalse(r.failed());
    }

    @Test
    void jsonSummaryHasTheArchitectureShape() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Files.delete(t.logs.get(3).file());
        Files.delete(t.digests.get(3));
        VerifyReport report = verify(root, t.writer.publicKeys(dir.resolve("k.json")));
        List<DisputedCopy> disputed = List.of(new DisputedCopy("e-1", "a.json.gz", Optional.of(ObjectState.VERIFIED)),
                new DisputedCopy("e-1", "planted.json.gz", Optional.empty()));
        JsonNode j = new ObjectMapper().readTree(VerifyJson.toJson(report, disputed));

        assertEquals(List.of("log_objects", "digests", "signatures", "gaps", "disputed_events"), names(j));
        assertEquals(List.of("event_id", "object", "state"), names(j.get("disputed_events").get(0)));
        assertEquals("verified", j.get("disputed_events").get(0).get("state").asText());
        assertTrue(j.get("disputed_events").get(1).get("state").isNull());
        assertEquals(List.of("verified", "modified", "missing", "unverified"), names(j.get("log_objects")));
        assertEquals(List.of("count", "chain_breaks"), names(j.get("digests")));
        assertEquals(9, j.get("log_objects").get("verified").asInt());
        assertEquals(2, j.get("log_objects").get("unverified").asInt());
        JsonNode missing = j.get("log_objects").get("missing").get(0);
        assertEquals(t.logs.get(3).s3Key(), missing.get("key").asText());
        assertEquals("2026-03-01T01:40:00Z", missing.get("newest_event_time").asText());
        assertTrue(missing.get("path").isNull());
        JsonNode brk = j.get("digests").get("chain_breaks").get(0);
        assertEquals("missing-digest", brk.get("kind").asText());
        assertEquals("2026-03-01T03:00:00Z", brk.get("from").asText());
        assertEquals(6, j.get("digests").get("count").asInt());
        assertEquals("verified", j.get("signatures").asText());
        assertEquals(0, j.get("gaps").size());
    }

    @Test
    void resultsAreStoredForReports() throws Exception {
        Path root = trailDir();
        TestTrail t = TestTrail.complete(root, keys);
        Files.delete(t.logs.get(0).file());
        VerifyReport r = verify(root, t.writer.publicKeys(dir.resolve("keys.json")));
        try (EventStore store = EventStore.open(dir.resolve("results.duckdb"), StoreOptions.defaults())) {
            assertEquals(1, VerifyStore.save(store, r, List.of(), root.toString()));
            assertEquals(2, VerifyStore.save(store, r, List.of(), root.toString()));
            List<List<Object>> missing = store.sql().rows("""
                    SELECT r.verified, r.missing, r.signatures, r.failed, r.summary->>'$.signatures',
                           o.s3_key, o.newest_event_time
                    FROM verify_runs r JOIN verify_objects o USING (run_id)
                    WHERE run_id = 2 AND o.state = 'missing'""").rows();
            assertEquals(List.of(List.of(11L, 1L, "verified", true, "verified", t.logs.get(0).s3Key(), at(0, 10))), missing);
            assertEquals(List.of(List.of(7L, 6L)), store.sql().rows("SELECT count(*), count(*) FILTER (signature = 'verified') "
                    + "FROM verify_digests WHERE run_id = 1").rows());
        }
    }

    @Test
    void twoThousandSmallObjectsVerify() throws Exception {
        Path zip = dir.resolve("bulk.zip");
        Path keysFile;
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            TrailBucket w = new TrailBucket(z, "trail-bucket", ACCOUNT, REGION, "bulk", keys);
            Instant start = Instant.parse("2026-04-01T00:00:00Z");
            for (int i = 0; i < 2_000; i++) {
                Instant t = start.plusSeconds(60L * i);
                w.logFile(List.of(new TrailBucket.TestEvent("s3.amazonaws.com", "GetObject", t)), t.plusSeconds(30));
            }
            for (int h = 0; h < 34; h++) {
                w.digest(start.plusSeconds(3600L * h), start.plusSeconds(3600L * (h + 1)));
            }
            keysFile = w.publicKeys(dir.resolve("keys.json"));
        }
        VerifyReport r = verify(zip, keysFile);
        assertEquals(2_000, r.count(ObjectState.VERIFIED));
        assertEquals(0, r.count(ObjectState.UNVERIFIED) + r.count(ObjectState.MISSING));
        assertEquals(34, r.digests().size());
        assertEquals(SignatureState.VERIFIED, r.signatures());
        assertFalse(r.failed());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Edits a gzipped object in place, as an attacker with write access to the bucket would. */
    private static void rewrite(Path gz, String from, String to) throws Exception {
        String json = new String(gunzip(gz), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), from);
        Files.write(gz, TrailLayout.gzip(json.replace(from, to).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] gunzip(Path file) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** Regular files under a folder, sorted. */
    private static final class InputWalkerFiles {
        static List<Path> under(Path root) throws Exception {
            return io.trailsift.source.InputFiles.list(List.of(root)).files();
        }
    }
}

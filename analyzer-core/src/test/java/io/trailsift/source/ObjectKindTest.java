package io.trailsift.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One answer to "what kind of object is this?", from its path and its first bytes. */
class ObjectKindTest {
    private static final String LOGS = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/";
    private static final String DIGESTS = "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/05/21/";
    private static final String INSIGHTS = "AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/05/21/";

    private static ObjectKind kind(String path, String head) {
        byte[] b = head.getBytes(StandardCharsets.UTF_8);
        return ObjectKind.of(path, b, b.length);
    }

    @Test
    void contentSaysLogOrDigestWhereverTheObjectSits() {
        assertEquals(ObjectKind.LOG, kind("flat/copy.json", " {\n \"Records\":[{"));
        assertEquals(ObjectKind.LOG, kind(DIGESTS + "planted.json", "{\"Records\":[]}"));
        assertEquals(ObjectKind.DIGEST, kind("flat/x.json", "{\"awsAccountId\":\"123456789012\",\"digestStartTime\":"));
        assertEquals(ObjectKind.DIGEST, kind(LOGS + "x.json", "\uFEFF{\"digestEndTime\":\"2026-05-21T12:00:00Z\""));
        assertEquals(ObjectKind.INSIGHT, kind(INSIGHTS + "x.json", "{\"Records\":["));
    }

    @Test
    void withoutTellingContentThePathDecides() {
        assertEquals(ObjectKind.LOG, kind(LOGS + "x.json.gz", "[{\"eventID\":"));
        assertEquals(ObjectKind.INSIGHT, kind(INSIGHTS + "x.json.gz", ""));
        assertEquals(ObjectKind.SIDECAR, kind(DIGESTS + "x.json.gz.metadata.json", "{\"Metadata\":{"));
        assertEquals(ObjectKind.OTHER, kind("manifest.json", "{\"files\":[]}"));
        assertEquals(ObjectKind.OTHER, kind(DIGESTS + "notes.txt", "a note"));
        assertEquals(ObjectKind.OTHER, kind("AWSLogs/123456789012/CloudTrailX/y.json", "{\"x\":1}"));
    }

    @Test
    void theDigestFolderIsKnownByItsSegment() {
        assertTrue(ObjectKind.inDigestFolder("archive.zip!" + DIGESTS + "x.json.gz"));
        assertFalse(ObjectKind.inDigestFolder(LOGS + "x.json.gz"));
    }
}

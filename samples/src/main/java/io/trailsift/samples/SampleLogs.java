package io.trailsift.samples;

import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.DigestChain;
import io.trailsift.testkit.DigestSigner;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Json;
import io.trailsift.testkit.LogObject;
import io.trailsift.testkit.TestSigningKey;
import io.trailsift.testkit.Times;
import io.trailsift.testkit.TrailLayout;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static io.trailsift.samples.SampleAttack.STOLEN_KEY;
import static io.trailsift.samples.SampleAttack.WORKLOADS;
import static io.trailsift.testkit.Json.obj;

/**
 * Writes {@code sample-logs/}: the incident and its background as an organization trail's S3
 * objects, then the mess of a real download (one object gunzipped by hand, one folder downloaded
 * twice, one object cut mid-stream, a stray inventory manifest, a lookup-events dump, digests for
 * one account and region), and returns the answer key computed from what it wrote.
 */
public final class SampleLogs {
    static final String ORG_ID = "o-a1b2c3d4e5";
    static final String BUCKET = "example-org-cloudtrail-logs";
    static final long SEED = 20260521L;
    static final String SECOND_DOWNLOAD = "second-download/";
    static final String LOOKUP_DUMP = "lookup-events-" + STOLEN_KEY + ".json";
    /** The object cut mid-stream: the workloads account, us-east-1, 12:20-12:25 on the attack day. */
    static final Instant TRUNCATED_WINDOW = Instant.parse("2026-05-21T12:20:00Z");
    private static final TrailLayout LAYOUT = new TrailLayout(ORG_ID);

    private SampleLogs() {
    }

    public static AnswerKey generate(Path out) throws IOException {
        Ids ids = new Ids(new SplittableRandom(SEED));
        List<CloudTrailEvent> events = new ArrayList<>();
        SampleAttack attack = new SampleAttack(ids, events);
        attack.run();
        new SampleNoise(ids, events).run(attack.appUser());
        List<LogObject> objects = deliver(ids, events);

        Files.createDirectories(out);
        LogObject truncated = find(objects, WORKLOADS, "us-east-1", TRUNCATED_WINDOW.plusSeconds(300));
        LogObject handUnzipped = objects.stream().filter(o -> o.events().stream()
                .anyMatch(e -> e.eventName().equals("StopLogging"))).findFirst().orElseThrow();
        Truncation cut = null;
        for (LogObject o : objects) {
            byte[] gz = TrailLayout.gzip(o.content());
            if (o == truncated) {
                cut = Truncation.of(o, gz);
                write(out, o.key(), cut.bytes());
            } else if (o == handUnzipped) {
                write(out, o.key().substring(0, o.key().length() - ".gz".length()), o.content());
            } else {
                write(out, o.key(), gz);
            }
            if (o.account().equals(WORKLOADS) && o.region().equals("eu-west-1")
                    && Times.dayFolders(o.delivered()).equals("2026/05/21")) {
                write(out, SECOND_DOWNLOAD + o.key(), gz);
            }
        }
        List<CloudTrailEvent> dumped = lookupDump(events);
        write(out, LOOKUP_DUMP, lookupEventsJson(dumped).getBytes(StandardCharsets.UTF_8));
        write(out, "s3-inventory/manifest.json", inventoryManifest().getBytes(StandardCharsets.UTF_8));

        TestSigningKey key = TestSigningKey.load();
        List<DigestSigner.Digest> digests = new DigestChain(LAYOUT, BUCKET, key)
                .build(WORKLOADS, "us-east-1", SampleNoise.START, SampleNoise.END, objects);
        for (DigestSigner.Digest d : digests) {
            write(out, d.key(), TrailLayout.gzip(d.content()));
        }
        DigestSigner.Digest newest = digests.get(digests.size() - 1);
        write(out, newest.key() + ".metadata.json", headObject(newest).getBytes(StandardCharsets.UTF_8));
        write(out, "list-public-keys.json", publicKeys(key).getBytes(StandardCharsets.UTF_8));

        AnswerKey answer = AnswerKey.compute(events, objects, attack, cut, truncated, handUnzipped, dumped, digests);
        write(out, "README.md", SampleReadme.render(answer).getBytes(StandardCharsets.UTF_8));
        write(out, AnswerKeyJson.FILE, AnswerKeyJson.render(answer).getBytes(StandardCharsets.UTF_8));
        return answer;
    }

    /** Groups events into one object per account, region and 5-minute window, in time order. */
    static List<LogObject> deliver(Ids ids, List<CloudTrailEvent> events) {
        List<CloudTrailEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(CloudTrailEvent::time)); // stable: same-second events keep their order
        Map<String, List<CloudTrailEvent>> groups = new TreeMap<>();
        for (CloudTrailEvent e : sorted) {
            String group = e.recipientAccountId() + "|" + e.region() + "|" + Times.window(e.time());
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(e);
        }
        List<LogObject> objects = new ArrayList<>();
        for (List<CloudTrailEvent> group : groups.values()) {
            CloudTrailEvent first = group.get(0);
            Instant delivered = Times.window(first.time()).plusSeconds(300);
            String key = LAYOUT.logKey(first.recipientAccountId(), first.region(), delivered, ids.alnum(16));
            byte[] content = TrailLayout.records(group.stream().map(CloudTrailEvent::json).toList());
            objects.add(new LogObject(key, first.recipientAccountId(), first.region(), delivered, group, content));
        }
        objects.sort(Comparator.comparing(LogObject::delivered).thenComparing(LogObject::key));
        return objects;
    }

    private static LogObject find(List<LogObject> objects, String account, String region, Instant delivered) {
        return objects.stream().filter(o -> o.account().equals(account) && o.region().equals(region)
                && o.delivered().equals(delivered)).findFirst().orElseThrow();
    }

    /**
     * What a responder gets from {@code aws cloudtrail lookup-events --lookup-attributes
     * AttributeKey=AccessKeyId,AttributeValue=AKIA1234567890ABCDEF --start-time 2026-05-21T12:00:00Z
     * --end-time 2026-05-21T13:00:00Z --region us-east-1}: management events only, newest first.
     */
    static List<CloudTrailEvent> lookupDump(List<CloudTrailEvent> events) {
        Instant from = Instant.parse("2026-05-21T12:00:00Z");
        Instant to = Instant.parse("2026-05-21T13:00:00Z");
        List<CloudTrailEvent> dumped = new ArrayList<>(events.stream()
                .filter(e -> STOLEN_KEY.equals(e.identity().accessKeyId()) && e.region().equals("us-east-1")
                        && !e.time().isBefore(from) && e.time().isBefore(to))
                .toList());
        dumped.sort(Comparator.comparing(CloudTrailEvent::time).reversed());
        return dumped;
    }

    private static String lookupEventsJson(List<CloudTrailEvent> dumped) {
        List<Object> entries = new ArrayList<>();
        for (CloudTrailEvent e : dumped) {
            Map<String, Object> entry = obj("EventId", e.eventId(), "EventName", e.eventName(),
                    "ReadOnly", Boolean.toString(CloudTrailEvent.isReadOnlyName(e.eventName())),
                    "AccessKeyId", e.identity().accessKeyId(),
                    "EventTime", Times.iso(e.time()).replace("Z", "+00:00"), "EventSource", e.eventSource(),
                    "Username", e.identity().json().get("userName"), "Resources", lookupResources(e),
                    "CloudTrailEvent", e.json());
            entries.add(entry);
        }
        return Json.pretty(obj("Events", entries));
    }

    private static List<Object> lookupResources(CloudTrailEvent e) {
        List<Object> resources = new ArrayList<>();
        if (e.requestParameters() instanceof Map<?, ?> p) {
            if (p.get("userName") instanceof String u) {
                resources.add(obj("ResourceType", "AWS::IAM::User", "ResourceName", u));
            }
            if (p.get("policyArn") instanceof String a) {
                resources.add(obj("ResourceType", "AWS::IAM::Policy", "ResourceName", a));
            }
            if (p.get("roleArn") instanceof String r) {
                resources.add(obj("ResourceType", "AWS::IAM::Role", "ResourceName", r));
            }
        }
        return resources;
    }

    /** Not CloudTrail: an S3 Inventory manifest that happened to sit in the same bucket. */
    private static String inventoryManifest() {
        return Json.pretty(obj("sourceBucket", BUCKET, "destinationBucket", "arn:aws:s3:::example-org-inventory",
                "version", "2016-11-30", "creationTimestamp", "1779321600000", "fileFormat", "CSV",
                "fileSchema", "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass",
                "files", List.of(obj("key", "inventory/" + BUCKET + "/daily/data/3f1e6c2a.csv.gz", "size", 48213,
                        "MD5checksum", "5b0c2a3f9e8d7c6b5a4f3e2d1c0b9a87"))));
    }

    /**
     * The newest digest's signature lives only in its S3 object metadata ({@code x-amz-meta-signature});
     * the responder saved it with {@code aws s3api head-object}, which prints the metadata without
     * the {@code x-amz-meta-} prefix.
     */
    private static String headObject(DigestSigner.Digest d) {
        byte[] gz = TrailLayout.gzip(d.content());
        return Json.pretty(obj("AcceptRanges", "bytes",
                "LastModified", Times.iso(d.end().plusSeconds(14)).replace("Z", "+00:00"),
                "ContentLength", gz.length, "ETag", "\"" + md5Hex(gz) + "\"", "ContentType", "application/json",
                "ServerSideEncryption", "AES256",
                "Metadata", obj("signature", d.signature(), "signature-algorithm", "SHA256withRSA")));
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }

    /** The shape of {@code aws cloudtrail list-public-keys} output, holding the test key. */
    private static String publicKeys(TestSigningKey key) {
        return Json.pretty(obj("PublicKeyList", List.of(obj(
                "Value", java.util.Base64.getEncoder().encodeToString(key.publicKeyPkcs1()),
                "ValidityStartTime", "2026-05-01T00:00:00+00:00",
                "ValidityEndTime", "2026-06-30T00:00:00+00:00",
                "Fingerprint", key.fingerprint()))));
    }

    private static void write(Path out, String relative, byte[] bytes) throws IOException {
        Path file = out.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /**
     * The cut object: its first bytes, and how many complete records a gunzip of them yields.
     * The cut point is moved until the readable text ends well inside a record, so any reader that
     * keeps every complete record recovers exactly {@code recovered}.
     */
    record Truncation(byte[] bytes, int recovered, long readableBytes) {
        static Truncation of(LogObject o, byte[] gz) throws IOException {
            long[] ends = recordEnds(o);
            for (int cut = gz.length * 55 / 100; cut > 64; cut -= 16) {
                byte[] bytes = Arrays.copyOf(gz, cut);
                long readable = readable(bytes);
                int recovered = 0;
                long nearest = Long.MAX_VALUE;
                for (long end : ends) {
                    if (end <= readable) {
                        recovered++;
                    }
                    nearest = Math.min(nearest, Math.abs(end - readable));
                }
                if (nearest > 200) {
                    return new Truncation(bytes, recovered, readable);
                }
            }
            throw new IllegalStateException("no clean cut point in " + o.key());
        }

        private static long[] recordEnds(LogObject o) {
            long[] ends = new long[o.events().size()];
            long at = "{\"Records\":[".length();
            for (int i = 0; i < ends.length; i++) {
                at += o.events().get(i).json().getBytes(StandardCharsets.UTF_8).length + (i > 0 ? 1 : 0);
                ends[i] = at;
            }
            return ends;
        }

        /** How many bytes the JDK's gunzip delivers before it hits the end of the cut stream. */
        private static long readable(byte[] cut) throws IOException {
            long n = 0;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(cut), 64 * 1024)) {
                byte[] buf = new byte[8192];
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                }
            } catch (EOFException expected) {
                // "Unexpected end of ZLIB input stream": where the cut is
            }
            return n;
        }
    }

    /** Kept for the README: objects per account and region. */
    static Map<String, Integer> objectsPerAccountRegion(List<LogObject> objects) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (LogObject o : objects) {
            m.merge(o.account() + " " + o.region(), 1, Integer::sum);
        }
        return m;
    }
}

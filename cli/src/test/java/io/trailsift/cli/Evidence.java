package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Evidence an attacker shaped, for the hostile-input tests: records they caused (any names and
 * values) and objects they planted beside the genuine ones of {@code sample-logs/}.
 */
final class Evidence {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The stolen key of the sample incident. */
    static final String KEY = "AKIA1234567890ABCDEF";

    private Evidence() {
    }

    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-logs")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no sample-logs/ above " + Path.of("").toAbsolutePath());
    }

    static Path sampleLogs() {
        return repoRoot().resolve("sample-logs");
    }

    /** {@code sample-logs/} ingested into a new store in {@code dir}; its path. Exit 1: its truncated object. */
    static String sampleStore(Path dir) {
        String db = dir.resolve("sample.duckdb").toString();
        int exit = CliRun.of("ingest", sampleLogs().toString(), "--db", db).exit();
        if (exit != Main.DAMAGED_OR_FINDINGS) {
            throw new IllegalStateException("ingest of the sample exited " + exit);
        }
        return db;
    }

    /** An IAM call by {@code key}, as CloudTrail writes one, with a fresh eventID. */
    static ObjectNode call(String name, String key, String eventId) {
        ObjectNode r = JSON.createObjectNode();
        r.put("eventVersion", "1.08");
        ObjectNode who = r.putObject("userIdentity");
        who.put("type", "IAMUser");
        who.put("arn", "arn:aws:iam::123456789012:user/app-integration-user");
        who.put("accountId", "123456789012");
        who.put("accessKeyId", key);
        who.put("userName", "app-integration-user");
        r.put("eventTime", "2026-05-22T10:00:00Z");
        r.put("eventSource", "iam.amazonaws.com");
        r.put("eventName", name);
        r.put("awsRegion", "us-east-1");
        r.put("sourceIPAddress", "198.51.100.50");
        r.put("userAgent", "aws-cli/2.15.0");
        r.put("eventID", eventId);
        r.put("recipientAccountId", "123456789012");
        return r;
    }

    /** Writes {@code {"Records":[…]}} gzipped; text keeps escapes Jackson would not write (lone surrogates). */
    static Path logObject(Path file, String recordsJson) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(("{\"Records\":[" + recordsJson + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path logObject(Path file, JsonNode... records) {
        List<String> texts = new ArrayList<>();
        for (JsonNode r : records) {
            texts.add(r.toString());
        }
        return logObject(file, String.join(",", texts));
    }

    /** Every record of the sample's readable log objects (the truncated one's complete records too, not needed here). */
    static List<ObjectNode> sampleRecords() {
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sampleLogs().resolve("AWSLogs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/")).sorted().toList()) {
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    JsonNode records = JSON.readTree(in).get("Records");
                    records.forEach(r -> out.add((ObjectNode) r));
                } catch (IOException damaged) {
                    // the sample's one truncated object: its records are not needed for a decoy
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

package io.trailsift.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Hand-built CloudTrail records and objects for tests. */
public final class Records {
    private Records() {
    }

    /** A management event by an IAM user's access key. */
    public static String event(String id, String time, String name) {
        return """
                {"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/app","accountId":"123456789012","accessKeyId":"AKIAEXAMPLEKEY00001","userName":"app"},\
                "eventTime":"%s","eventSource":"iam.amazonaws.com","eventName":"%s","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.50","userAgent":"aws-cli/2.15.0",\
                "requestParameters":{"userName":"target-user"},"responseElements":null,"requestID":"req-%s","eventID":"%s","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,\
                "recipientAccountId":"123456789012","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3"}}"""
                .formatted(time, name, id, id);
    }

    /** {@code n} events with ids {@code prefix-0..n-1}, one second apart from 2026-05-21T00:00:00Z. */
    public static List<String> events(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> event(prefix + "-" + i, java.time.Instant.parse("2026-05-21T00:00:00Z").plusSeconds(i).toString(),
                        "ListUsers"))
                .toList();
    }

    public static String wrapper(List<String> records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    public static byte[] gzip(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    public static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}

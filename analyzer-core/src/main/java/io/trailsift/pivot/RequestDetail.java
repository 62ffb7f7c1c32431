package io.trailsift.pivot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call's request parameters in one short line for a timeline: {@code bucketName=b key=k},
 * {@code secretId=prod/db}, {@code instanceType=p3.16xlarge minCount=8}. The parameters that name
 * what a call acts on come first, then the other plain values in the order the record has them;
 * nested objects and lists are shown by their size. The text is the log's own (the renderer
 * neutralises it), cut so that a policy document cannot fill the screen.
 */
public final class RequestDetail {
    private static final JsonFactory JSON = new JsonFactory();

    /** What a call acts on, in the parameter names APIs use for it. */
    private static final List<String> FIRST = List.of("bucketName", "key", "secretId", "name", "userName", "roleName",
            "roleArn", "roleSessionName", "policyArn", "groupName", "instanceType", "minCount", "maxCount", "groupId",
            "keyName", "trailName", "functionName", "keyId", "detectorId", "instanceId", "accessKeyId");
    private static final int MAX_FIELDS = 6;
    private static final int MAX_VALUE = 60;

    private RequestDetail() {
    }

    /** The line for {@code requestParameters} (JSON text, or null when the call had none). */
    public static String of(String requestParameters) {
        if (requestParameters == null || requestParameters.isBlank()) {
            return "";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(requestParameters)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return cut(requestParameters);
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                fields.putIfAbsent(name, switch (value) {
                    case START_ARRAY -> "[" + count(p) + "]";
                    case START_OBJECT -> "{" + count(p) + "}";
                    case VALUE_NULL -> "null";
                    default -> p.getText();
                });
            }
        } catch (IOException e) {
            return cut(requestParameters);
        }
        List<String> shown = new ArrayList<>();
        FIRST.stream().filter(fields::containsKey).forEach(n -> shown.add(n + "=" + cut(fields.remove(n))));
        fields.forEach((n, v) -> shown.add(n + "=" + cut(v)));
        String line = String.join(" ", shown.subList(0, Math.min(MAX_FIELDS, shown.size())));
        return shown.size() > MAX_FIELDS ? line + " (+" + (shown.size() - MAX_FIELDS) + ")" : line;
    }

    /** The members of the array or object just opened, skipping over them. */
    private static int count(JsonParser p) throws IOException {
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                n++;
                p.skipChildren();
            }
        }
        return n;
    }

    private static String cut(String v) {
        return v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE - 1) + "…";
    }
}

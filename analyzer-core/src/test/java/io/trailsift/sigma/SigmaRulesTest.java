package io.trailsift.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.detect.Detector;
import io.trailsift.detect.Finding;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.RuleSet;
import io.trailsift.store.EventStore;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written Sigma rules, one per modifier and condition form, each run as hunt runs it over
 * six events chosen to match and not match it (case, wildcards at both ends, an escaped
 * {@code *}, arrays, nested paths, nulls, missing fields); the tree evaluator must agree.
 */
class SigmaRulesTest {
    private static final String EVENTS = """
            {"Records":[
            {"eventID":"e1","eventTime":"2026-01-01T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"DeleteBucket",
             "userAgent":"aws-cli/2.0 Python","sourceIPAddress":"10.1.2.3",
             "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/bob","userName":"bob"},
             "requestParameters":{"bucketName":"Evil*Bucket","tags":["alpha","Beta"],"nested":{"deep":{"v":"x"}},
                                  "nul":null,"n":7,"size":"42","userName":"carol"}},
            {"eventID":"e2","eventTime":"2026-01-01T00:01:00Z","eventSource":"s3.amazonaws.com","eventName":"deletebucket",
             "userAgent":"TruffleHog","sourceIPAddress":"192.168.1.1","errorCode":"AccessDenied",
             "requestParameters":{"bucketName":"plainbucket","tags":[],
                                  "containers":[{"cmd":["sh","-c","curl $AWS_X"]},{"cmd":"ls"}]}},
            {"eventID":"e3","eventTime":"2026-01-01T00:02:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateBucket",
             "userAgent":"console","sourceIPAddress":"2001:db8::1",
             "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/Bob","userName":"Bob"},
             "requestParameters":{"userName":"bob"},"responseElements":null},
            {"eventID":"e4","eventTime":"2026-01-01T00:03:00Z","eventSource":"s3.amazonaws.com","eventName":"PutObject",
             "userAgent":"windows -flag","sourceIPAddress":"10.9.9.9",
             "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111111111111:assumed-role/r/s"},
             "requestParameters":{"userName":"alice"}},
            {"eventID":"e5","eventTime":"2026-01-01T00:04:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject",
             "userAgent":"windows \\u2013flag","sourceIPAddress":"8.8.8.8",
             "requestParameters":{"bucketName":"EvilXBucket","b64":"ZXZpbA==","cmd":"cnVuIGV2aWwgbm93"}},
            {"eventID":"e6","eventTime":"2026-01-01T00:05:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets",
             "userAgent":"path\\\\to*file?","sourceIPAddress":"AWS Internal"}
            ]}""";

    /** name, the detection's YAML, the events it must match (every other event must not match). */
    static Stream<Object[]> cases() {
        return Stream.of(
                c("exact_case_insensitive", "sel: {eventName: deletebucket}\n  condition: sel", "e1 e2"),
                c("cased", "sel: {eventName|cased: DeleteBucket}\n  condition: sel", "e1"),
                c("wildcards_both_ends", "sel: {userAgent: '*CLI*'}\n  condition: sel", "e1"),
                c("one_character_wildcard", "sel: {eventName: 'Delete?ucket'}\n  condition: sel", "e1 e2"),
                c("escaped_star", "sel: {requestParameters.bucketName: 'Evil\\*Bucket'}\n  condition: sel", "e1"),
                c("unescaped_star", "sel: {requestParameters.bucketName: 'Evil*Bucket'}\n  condition: sel", "e1 e5"),
                c("escaped_backslash_and_wildcards", "sel: {userAgent: 'path\\to\\*file\\?'}\n  condition: sel", "e6"),
                c("array_any_element", "sel: {requestParameters.tags: beta}\n  condition: sel", "e1"),
                c("array_of_objects_nested", "sel: {requestParameters.containers.cmd|contains: '$aws_x'}\n  condition: sel", "e2"),
                c("nested_path", "sel: {requestParameters.nested.deep.v: X}\n  condition: sel", "e1"),
                c("null_absent_or_empty", "sel: {requestParameters.tags: null}\n  condition: sel", "e2 e3 e4 e5 e6"),
                c("null_typed_column", "sel: {errorCode: null}\n  condition: sel", "e1 e3 e4 e5 e6"),
                c("missing_field_negated", "sel: {requestParameters.missing: x}\n  condition: not sel", "e1 e2 e3 e4 e5 e6"),
                c("startswith", "sel: {userAgent|startswith: AWS-}\n  condition: sel", "e1"),
                c("endswith", "sel: {userAgent|endswith: HOG}\n  condition: sel", "e2"),
                c("contains_all", "sel: {userAgent|contains|all: [aws, python]}\n  condition: sel", "e1"),
                c("contains_all_none", "sel: {userAgent|contains|all: [aws, truffle]}\n  condition: sel", ""),
                c("value_list_or", "sel: {eventName: [CreateBucket, putobject]}\n  condition: sel", "e3 e4"),
                c("re_case_sensitive", "sel: {userAgent|re: '^truffle'}\n  condition: sel", ""),
                c("re_i", "sel: {userAgent|re|i: '^truffle'}\n  condition: sel", "e2"),
                c("re_typed_arn", "sel: {userIdentity.arn|re: '.+:assumed-role/.+'}\n  condition: sel", "e4"),
                c("exists_true", "sel: {requestParameters.nested|exists: true}\n  condition: sel", "e1"),
                c("exists_null_is_present", "sel: {requestParameters.nul|exists: true}\n  condition: sel", "e1"),
                c("exists_false", "sel: {requestParameters.nested|exists: false}\n  condition: sel", "e2 e3 e4 e5 e6"),
                c("fieldref", "sel: {userIdentity.userName|fieldref: requestParameters.userName}\n  condition: sel", "e3"),
                c("fieldref_cased", "sel: {userIdentity.userName|fieldref|cased: requestParameters.userName}\n  condition: sel", ""),
                c("cidr", "sel: {sourceIPAddress|cidr: 10.0.0.0/8}\n  condition: sel", "e1 e4"),
                c("cidr_narrow", "sel: {sourceIPAddress|cidr: 192.168.1.0/30}\n  condition: sel", "e2"),
                c("gt", "sel: {requestParameters.n|gt: 5}\n  condition: sel", "e1"),
                c("lte_numeric_text", "sel: {requestParameters.size|lte: 42}\n  condition: sel", "e1"),
                c("lt_nothing", "sel: {requestParameters.size|lt: 42}\n  condition: sel", ""),
                c("windash", "sel: {userAgent|windash|contains: ' -flag'}\n  condition: sel", "e4 e5"),
                c("base64", "sel: {requestParameters.b64|base64: evil}\n  condition: sel", "e5"),
                c("base64offset", "sel: {requestParameters.cmd|base64offset|contains: evil}\n  condition: sel", "e5"),
                c("neq", "sel: {eventName|neq: DeleteBucket}\n  condition: sel", "e3 e4 e5 e6"),
                c("object_as_json_text", "sel: {requestParameters|contains: plainbucket}\n  condition: sel", "e2"),
                c("list_of_maps", "sel:\n    - {eventName: CreateBucket}\n    - {userAgent: TruffleHog}\n  condition: sel", "e2 e3"),
                c("one_of_pattern", "sel_a: {eventName: PutObject}\n  sel_b: {eventName: GetObject}\n  other: {eventName: ListBuckets}\n"
                        + "  condition: 1 of sel_*", "e4 e5"),
                c("all_of_pattern", "sel_a: {eventSource: s3.amazonaws.com}\n  sel_b: {userAgent|contains: windows}\n"
                        + "  condition: all of sel_*", "e4 e5"),
                c("one_of_them", "a: {eventName: PutObject}\n  _b: {eventName: GetObject}\n  condition: 1 of them", "e4"),
                c("all_of_them", "a: {eventSource: s3.amazonaws.com}\n  b: {errorCode: AccessDenied}\n  condition: all of them", "e2"),
                c("parentheses_and_not", "a: {eventSource: s3.amazonaws.com}\n  b: {eventName: PutObject}\n  c: {eventName: GetObject}\n"
                        + "  condition: a and not (b or c)", "e1 e2 e6"),
                c("precedence", "a: {eventName: CreateBucket}\n  b: {eventName: PutObject}\n  c: {userAgent: nothing}\n"
                        + "  condition: a or b and c", "e3"),
                c("condition_list", "a: {eventName: CreateBucket}\n  b: {eventName: PutObject}\n  condition:\n    - a\n    - b", "e3 e4"));
    }

    private static Object[] c(String name, String detection, String expected) {
        return new Object[] {name, detection, expected};
    }

    @TempDir
    static Path tmp;
    static EventStore store;
    static Map<String, Set<String>> found;
    static RuleSet rules;
    static List<JsonNode> records = new ArrayList<>();

    @BeforeAll
    static void huntAll() throws Exception {
        Path events = Files.writeString(tmp.resolve("events.json"), EVENTS);
        new ObjectMapper().readTree(EVENTS).get("Records").forEach(records::add);
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        for (Object[] c : cases().toList()) {
            Files.writeString(dir.resolve(c[0] + ".yml"), rule((String) c[0], (String) c[1]));
        }
        rules = SigmaLoader.load(List.of(dir));
        assertEquals(List.of(), rules.problems());
        store = Stores.filled(tmp.resolve("s.duckdb"), List.of(events));
        HuntResult result = Detector.run(store, rules.rules());
        assertEquals(List.of(), result.problems());
        found = new java.util.HashMap<>();
        for (Finding f : result.findings()) {
            found.computeIfAbsent(f.rule(), k -> new TreeSet<>()).addAll(f.eventIds());
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static String rule(String name, String detection) {
        return "title: " + name + "\nid: 00000000-0000-0000-0000-" + String.format("%012d", Math.abs(name.hashCode()))
                + "\nlogsource: {product: aws, service: cloudtrail}\nlevel: high\ntags: [attack.defense-evasion, attack.t1562.008]"
                + "\ndetection:\n  " + detection + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesExactlyItsEvents(String name, String detection, String expected) throws Exception {
        Set<String> want = new TreeSet<>(expected.isEmpty() ? List.of() : List.of(expected.split(" ")));
        assertEquals(want, found.getOrDefault(name, Set.of()), "compiled SQL");
        Detection d = SigmaReader.read(name, rule(name, detection)).get(0).rule().orElseThrow().detection().orElseThrow();
        Set<String> evaluated = new TreeSet<>();
        records.stream().filter(r -> TreeEvaluator.matches(d, r)).forEach(r -> evaluated.add(r.get("eventID").asText()));
        assertEquals(want, evaluated, "tree evaluator");
    }

    @Test
    void metadataBecomesTheRulesAndFindings() {
        var r = rules.rules().stream().filter(x -> x.id().equals("cased")).findFirst().orElseThrow();
        assertEquals("high", r.severity().label());
        assertEquals(List.of("T1562.008"), r.attack());
        assertEquals("defense-evasion", r.tactic().orElseThrow().folder());
        assertTrue(r.sql().contains("?"), r.sql());
        assertTrue(!r.sql().contains("DeleteBucket") && r.parameters().contains("DeleteBucket"), "values are parameters");
    }

    @Test
    void unsupportedPartsAreProblemsWithTheirReasonWhileOthersLoad() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Map<String, String> bad = Map.of(
                "utf16", "sel: {userAgent|wide: x}\n  condition: sel",
                "status_field", "sel: {status: success}\n  condition: sel",
                "keywords", "sel: [evil, worse]\n  condition: sel",
                "expand", "sel: {userAgent|expand: '%Servers%'}\n  condition: sel",
                "hour", "sel: {eventTime|hour: 3}\n  condition: sel",
                "unknown_modifier", "sel: {userAgent|sounds_like: x}\n  condition: sel",
                "undefined_name", "sel: {userAgent: x}\n  condition: sel and other",
                "ipv6_cidr", "sel: {sourceIPAddress|cidr: '2001:db8::/32'}\n  condition: sel");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".yml"), rule(e.getKey(), e.getValue()));
        }
        Files.writeString(dir.resolve("good.yml"), rule("good", "sel: {eventName: PutObject}\n  condition: sel"));
        Files.writeString(dir.resolve("windows.yml"), rule("windows", "sel: {Image: x}\n  condition: sel")
                .replace("product: aws, service: cloudtrail", "product: windows, category: process_creation"));
        RuleSet set = SigmaLoader.load(List.of(dir));
        assertEquals(List.of("good"), set.rules().stream().map(x -> x.id()).toList());
        String problems = String.join("\n", set.problems().stream().map(Object::toString).toList());
        assertEquals(9, set.problems().size(), problems);
        for (String reason : List.of("follow utf16/wide with base64", "CloudTrail records have no field 'status'",
                "keyword search", "'expand' needs placeholder values", "time modifier 'hour'", "unknown modifier 'sounds_like'",
                "'other', which the detection does not define", "IPv6 ranges are not supported", "logsource is product: windows")) {
            assertTrue(problems.contains(reason), reason + " in\n" + problems);
        }
    }
}

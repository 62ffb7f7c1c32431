package io.trailsift.detect;

import io.trailsift.store.EventStore;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.TrailLayout;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trailsift.testkit.Json.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One bad record never disables a rule (issue 15, security review #3): the attacker chooses the
 * shape of every parameter, so a value of an unexpected JSON type (a string where the API sends a
 * list or a number, an object where it sends a string) must not make any shipped rule fail for
 * the whole store.
 */
class OddValuesTest {
    private static final Identity MALLORY = Identity.iamUser("111111111111", "mallory", "AIDAMALLORY", "AKIAMALLORY000000001");

    @Test
    @DisplayName("review #3: parameters of unexpected types disable no shipped rule")
    void oddlyTypedParametersBreakNoRule(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> shapes = List.of(obj("x", 1), obj());
        List<String> records = new ArrayList<>();
        int n = 0;
        String[][] calls = {
            {"s3.amazonaws.com", "PutBucketLifecycle"}, {"ssm.amazonaws.com", "GetParameters"},
            {"ssm.amazonaws.com", "SendCommand"}, {"lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2"},
            {"cloudtrail.amazonaws.com", "PutEventSelectors"}, {"kms.amazonaws.com", "PutKeyPolicy"},
            {"s3.amazonaws.com", "PutBucketPolicy"}, {"iam.amazonaws.com", "UpdateAssumeRolePolicy"},
            {"ec2.amazonaws.com", "RunInstances"}, {"securityhub.amazonaws.com", "BatchUpdateFindings"},
            {"s3.amazonaws.com", "PutBucketPublicAccessBlock"}, {"s3.amazonaws.com", "PutBucketReplication"}};
        for (String[] call : calls) {
            for (Object odd : List.of("x", 7, List.of("a", 1), obj("k", obj("v", List.of())))) {
                Map<String, Object> params = obj("bucketName", odd, "names", odd, "instanceIds", odd, "layers", odd,
                        "eventSelectors", odd, "advancedEventSelectors", odd, "policy", odd, "policyDocument", odd,
                        "bucketPolicy", odd, "LifecycleConfiguration", obj("Rule", obj("Expiration", obj("Days", odd))),
                        "withDecryption", odd, "recursive", odd, "instancesSet", odd, "Workflow", odd,
                        "PublicAccessBlockConfiguration", odd, "ReplicationConfiguration", odd, "keyId", odd);
                records.add(new CloudTrailEvent(MALLORY, Instant.parse("2026-05-20T10:00:00Z").plusSeconds(n), call[0],
                        call[1], "us-east-1", "odd-" + n++, null).from("198.51.100.9", "aws-cli/2.15.0")
                        .request(params).response(shapes.get(n % 2)).json());
            }
        }
        Path file = Files.write(dir.resolve("odd.json"), TrailLayout.records(records));
        try (EventStore store = DetectStores.ingest(dir, "odd", List.of(file))) {
            HuntResult result = Detector.run(store, RuleLoader.load(Optional.empty()).rules());
            assertEquals(List.of(), result.problems());
        }
    }
}

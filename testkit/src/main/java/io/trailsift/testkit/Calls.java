package io.trailsift.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * Request and response shapes of the calls both generators write, as CloudTrail records them.
 * STS responses carry the issued session key in {@code credentials.accessKeyId}; the session token
 * is logged, the secret key never is.
 */
public final class Calls {
    private Calls() {
    }

    /**
     * AssumeRole. Same account: one record. Another account: the caller's account logs it with the
     * caller's identity, the role owner's account logs a second record with an {@code AWSAccount}
     * identity; both carry the same {@code sharedEventID} and requestID, each its own eventID.
     */
    public static List<CloudTrailEvent> assumeRole(Actor caller, Ids ids, Instant t, String region, Identity.Role role,
                                                   String sessionName, String issuedKey, int durationSeconds) {
        CloudTrailEvent mine = caller.call(ids, t, region, "sts", "AssumeRole")
                .request(obj("roleArn", role.arn(), "roleSessionName", sessionName, "durationSeconds", durationSeconds))
                .response(stsResponse(ids, issuedKey, t.plusSeconds(durationSeconds),
                        obj("assumedRoleId", role.id() + ":" + sessionName,
                                "arn", "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName)))
                .resources(List.of(obj("accountId", role.account(), "type", "AWS::IAM::Role", "ARN", role.arn())));
        if (mine.recipientAccountId() == null) {
            mine.recipient(role.account()); // AWS services act in the role's account
        }
        if (caller.identity().accountId() == null || caller.identity().accountId().equals(role.account())) {
            return List.of(mine);
        }
        String shared = ids.uuid();
        mine.shared(shared);
        CloudTrailEvent owners = new CloudTrailEvent(
                Identity.awsAccount(caller.identity().principalId(), caller.identity().accountId()), t,
                "sts.amazonaws.com", "AssumeRole", region, ids.uuid(), requestIdOf(mine))
                .from(caller.sourceIp(), caller.userAgent())
                .request(mine.requestParameters())
                .response(mine.record().get("responseElements"))
                .resources(List.of(obj("accountId", role.account(), "type", "AWS::IAM::Role", "ARN", role.arn())))
                .recipient(role.account()).shared(shared)
                .tls("sts." + region + ".amazonaws.com");
        return List.of(mine, owners);
    }

    private static String requestIdOf(CloudTrailEvent e) {
        return (String) e.record().get("requestID");
    }

    /** The {@code responseElements} of AssumeRole-like calls: credentials plus extra fields. */
    public static Map<String, Object> stsResponse(Ids ids, String issuedKey, Instant expiration,
                                                  Map<String, Object> assumedRoleUser) {
        Map<String, Object> r = obj("credentials", obj("accessKeyId", issuedKey,
                "sessionToken", "IQoJb3JpZ2luX2VjE" + ids.base64(180), "expiration", Times.response(expiration)));
        if (assumedRoleUser != null) {
            r.put("assumedRoleUser", assumedRoleUser);
        }
        return r;
    }

    /** An S3 object-level data event (GetObject, PutObject, HeadObject...). */
    public static CloudTrailEvent s3Object(Actor actor, Ids ids, Instant t, String region, String eventName,
                                           String bucketAccount, String bucket, String key, long bytes) {
        boolean put = eventName.startsWith("Put");
        CloudTrailEvent e = actor.call(ids, t, region, "s3", eventName)
                .request(obj("bucketName", bucket, "Host", bucket + ".s3." + region + ".amazonaws.com", "key", key))
                .response(put ? obj("x-amz-server-side-encryption", "aws:kms",
                        "x-amz-server-side-encryption-aws-kms-key-id",
                        "arn:aws:kms:" + region + ":" + bucketAccount + ":key/" + ids.uuid()) : null)
                .additional(obj("SignatureVersion", "SigV4", "CipherSuite", "TLS_AES_128_GCM_SHA256",
                        "bytesTransferredIn", put ? bytes : 0L, "AuthenticationMethod", "AuthHeader",
                        "x-amz-id-2", ids.base64(76), "bytesTransferredOut", put ? 0L : bytes))
                .resources(List.of(
                        obj("type", "AWS::S3::Object", "ARN", "arn:aws:s3:::" + bucket + "/" + key),
                        obj("accountId", bucketAccount, "type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + bucket)))
                .recipient(bucketAccount)
                .dataEvent();
        return e;
    }

    /** RunInstances with the instances it started in {@code responseElements}: one of the largest records. */
    public static CloudTrailEvent runInstances(Actor session, Ids ids, Instant t, String region, String sg, String type,
                                               int count) {
        String ami = "ami-0" + ids.hex(16);
        String subnet = "subnet-0" + ids.hex(16);
        List<Object> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(obj("instanceId", ids.instanceId(), "imageId", ami,
                    "instanceState", obj("code", 0, "name", "pending"),
                    "privateDnsName", "ip-172-31-" + ids.between(0, 255) + "-" + ids.between(1, 254) + "." + region
                            + ".compute.internal",
                    "keyName", "ops-recovery", "amiLaunchIndex", i, "productCodes", obj(), "instanceType", type,
                    "launchTime", t.toEpochMilli(),
                    "placement", obj("availabilityZone", region + "a", "tenancy", "default"),
                    "monitoring", obj("state", "disabled"), "subnetId", subnet,
                    "stateReason", obj("code", "pending", "message", "pending"), "architecture", "x86_64",
                    "rootDeviceType", "ebs", "rootDeviceName", "/dev/xvda", "virtualizationType", "hvm",
                    "groupSet", obj("items", List.of(obj("groupId", sg, "groupName", "ops-recovery"))),
                    "ebsOptimized", true, "enaSupport", true, "cpuOptions", obj("coreCount", 48, "threadsPerCore", 2)));
        }
        return session.call(ids, t, region, "ec2", "RunInstances")
                .request(obj("instancesSet", obj("items", List.of(obj("imageId", ami, "minCount", count,
                                "maxCount", count, "keyName", "ops-recovery"))),
                        "groupSet", obj("items", List.of(obj("groupId", sg))), "instanceType", type,
                        "blockDeviceMapping", obj(), "monitoring", obj("enabled", false),
                        "disableApiTermination", false, "disableApiStop", false, "clientToken", ids.uuid()))
                .response(obj("requestId", ids.uuid(), "reservationId", "r-0" + ids.hex(16),
                        "ownerId", session.identity().accountId(), "groupSet", obj(), "instancesSet", obj("items", instances)));
    }

    /** The AccessDenied an IAM policy evaluation produces, with AWS's wording. */
    public static CloudTrailEvent denied(CloudTrailEvent e, String code, String action, String resource) {
        String who = e.identity().arn();
        return e.error(code, "User: " + who + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action");
    }

    /** A policy document as CloudTrail logs it inside requestParameters: a JSON string. */
    public static String policy(String effect, Object action, Object resource) {
        return Json.write(obj("Version", "2012-10-17",
                "Statement", List.of(obj("Effect", effect, "Action", action, "Resource", resource))));
    }
}

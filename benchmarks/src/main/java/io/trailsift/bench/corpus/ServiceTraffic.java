package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Times;

import java.time.Instant;
import java.util.List;

import static io.trailsift.testkit.Json.obj;

/**
 * AWS services at work in an account and region, on their own: service-linked roles
 * (AWSServiceRoleFor..., whose sessions carry invokedBy and the service's name as address and
 * agent) describing and managing what they run, and, in the security account that holds the
 * organisation trail's key, CloudTrail asking KMS for a data key for every log file it writes.
 * Each service-linked role's session lasts an hour.
 */
final class ServiceTraffic extends Traffic {
    /** A service-linked role and the read-only calls its service keeps making. */
    record LinkedRole(String service, String roleSuffix, String sessionName, List<String[]> calls) {
    }

    static final LinkedRole AUTOSCALING = new LinkedRole("autoscaling.amazonaws.com", "AutoScaling", "AutoScaling",
            DataCalls.apis("ec2:DescribeInstances", "ec2:DescribeInstanceStatus",
                    "elasticloadbalancing:DescribeTargetHealth"));
    static final LinkedRole ECS = new LinkedRole("ecs.amazonaws.com", "ECS", "ECS",
            DataCalls.apis("ec2:DescribeNetworkInterfaces", "ec2:CreateNetworkInterface",
                    "ec2:DeleteNetworkInterface", "elasticloadbalancing:RegisterTargets"));
    static final LinkedRole ELB = new LinkedRole("elasticloadbalancing.amazonaws.com", "ElasticLoadBalancing",
            "ElasticLoadBalancing", DataCalls.apis("ec2:DescribeNetworkInterfaces", "ec2:DescribeAddresses"));
    static final LinkedRole CONFIG = new LinkedRole("config.amazonaws.com", "Config", "AWSConfig-Describe",
            DataCalls.apis("ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "iam:GetRole", "iam:ListRolePolicies",
                    "s3:GetBucketPolicy", "lambda:ListFunctions20150331"));
    static final LinkedRole GUARDDUTY = new LinkedRole("guardduty.amazonaws.com", "AmazonGuardDuty", "AmazonGuardDuty",
            DataCalls.apis("ec2:DescribeInstances", "ec2:DescribeImages"));

    private final String account;
    private final String region;
    private final long seed;
    private final List<LinkedRole> roles;
    private final boolean trailKey;

    ServiceTraffic(long seed, String account, String region, double weight, List<LinkedRole> roles, boolean trailKey) {
        super(account, region, weight);
        this.seed = seed;
        this.account = account;
        this.region = region;
        this.roles = roles;
        this.trailKey = trailKey;
    }

    @Override
    CloudTrailEvent call(Ids ids, Instant t) {
        if (trailKey && ids.chance(0.3)) {
            return trailDataKey(ids, t);
        }
        LinkedRole r = ids.pick(roles);
        long hour = t.getEpochSecond() / 3600;
        Identity.Role role = new Identity.Role(account, "/aws-service-role/" + r.service() + "/",
                "AWSServiceRoleFor" + r.roleSuffix(), Seeds.ids(seed, account, r.roleSuffix()).roleId());
        Identity session = Identity.assumedRole(role, r.sessionName(),
                Seeds.ids(seed, account, region, r.roleSuffix(), hour).sessionKey(), Instant.ofEpochSecond(hour * 3600), false)
                .via(r.service());
        String[] call = ids.pick(r.calls());
        return new Actor(session, r.service(), r.service()).call(ids, t, region, call[0], call[1]).request(obj());
    }

    /** CloudTrail's GenerateDataKey for one log file of one account, under the trail's key in this account. */
    private CloudTrailEvent trailDataKey(Ids ids, Instant t) {
        String key = "arn:aws:kms:" + region + ":" + account + ":key/" + Seeds.ids(seed, "trail-key", region).uuid();
        String member = ids.pick(Org.ACCOUNTS);
        return Actor.service("cloudtrail.amazonaws.com").call(ids, t, region, "kms", "GenerateDataKey")
                .request(obj("keyId", key, "encryptionContext", obj(
                        "aws:cloudtrail:arn", "arn:aws:cloudtrail:us-east-1:" + Org.SECURITY + ":trail/org-trail",
                        "aws:s3:arn", "arn:aws:s3:::acme-org-cloudtrail-logs/AWSLogs/" + Org.ORG_ID + "/" + member
                                + "/CloudTrail/" + region + "/" + Times.dayFolders(t) + "/"), "keySpec", "AES_256"))
                .resources(List.of(obj("accountId", account, "type", "AWS::KMS::Key", "ARN", key)))
                .recipient(account);
    }
}

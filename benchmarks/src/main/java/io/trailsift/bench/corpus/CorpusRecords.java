package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Agents;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Times;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.trailsift.testkit.Json.obj;

/**
 * Realistic background records for the benchmark corpus, built with the same record library as
 * the sample: role sessions moving S3 objects, services assuming roles and using KMS, users listing
 * IAM, policy documents as JSON strings, large RunInstances responses, Lambda data events, about
 * one call in twenty denied. Each account has a fixed cast of principals, so keys recur across
 * objects the way they do in a real trail.
 */
final class CorpusRecords {
    static final List<String> ACCOUNTS = List.of("111122223333", "222233334444", "333344445555", "444455556666",
            "555566667777", "666677778888");
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");
    private static final List<String> TEAMS = List.of("payments", "search", "growth", "platform", "risk", "ml");
    private static final List<String> SERVICES = List.of("lambda.amazonaws.com", "ec2.amazonaws.com",
            "ecs-tasks.amazonaws.com", "cloudtrail.amazonaws.com", "config.amazonaws.com");

    /** The principals and resources of one account. */
    private record Cast(List<Actor> sessions, List<Actor> users, List<Identity.Role> roles, List<String> kmsKeyIds,
                        List<String> functions) {
    }

    private final List<Cast> casts = new ArrayList<>();

    CorpusRecords(long seed) {
        for (String account : ACCOUNTS) {
            Ids ids = new Ids(new SplittableRandom(seed ^ Long.parseLong(account)));
            List<Identity.Role> roles = new ArrayList<>();
            List<Actor> sessions = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Identity.Role role = new Identity.Role(account, "app-" + ids.alnum(6).toLowerCase() + "-role", ids.roleId());
                roles.add(role);
                Instant created = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(ids.between(0, 86_400));
                sessions.add(new Actor(Identity.assumedRole(role, "session-" + ids.hex(8), ids.sessionKey(), created,
                        false), "198.18." + ids.between(0, 255) + "." + ids.between(1, 254),
                        ids.chance(0.5) ? Agents.LAMBDA_BOTO3 : Agents.GO_SDK));
            }
            List<Actor> users = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                users.add(new Actor(Identity.iamUser(account, "user-" + ids.alnum(5).toLowerCase(), ids.userId(),
                        ids.longTermKey()), "198.19." + ids.between(0, 255) + "." + ids.between(1, 254),
                        Agents.cli("2.15.40", "iam.list-roles")));
            }
            List<String> keys = new ArrayList<>();
            List<String> functions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                keys.add(ids.uuid());
                functions.add("fn-" + ids.alnum(8).toLowerCase());
            }
            casts.add(new Cast(sessions, users, roles, keys, functions));
        }
    }

    /** Appends one record of {@code account}/{@code region} at {@code t}, as JSON. */
    void append(StringBuilder sb, Ids ids, int accountIndex, String region, Instant t) {
        Cast cast = casts.get(accountIndex);
        String account = ACCOUNTS.get(accountIndex);
        Actor session = ids.pick(cast.sessions());
        int kind = ids.random().nextInt(100);
        CloudTrailEvent e;
        if (kind < 30) {
            boolean put = ids.chance(0.3);
            e = Calls.s3Object(session, ids, t, region, put ? "PutObject" : "GetObject", account,
                    "data-" + account + "-" + region, "warehouse/" + ids.pick(TEAMS) + "/dt=" + Times.dayFolders(t)
                            + "/part-" + ids.between(0, 9999) + ".parquet", ids.between(1_000, 90_000_000));
        } else if (kind < 45) {
            e = session.call(ids, t, region, "ec2", ids.pick(List.of("DescribeInstances", "DescribeVolumes",
                            "DescribeSecurityGroups", "DescribeSubnets")))
                    .request(obj("filterSet", obj("items", List.of(obj("name", "tag:team",
                            "valueSet", obj("items", List.of(obj("value", ids.pick(TEAMS)))))))));
        } else if (kind < 53) {
            Identity.Role role = ids.pick(cast.roles());
            Actor caller = ids.chance(0.6) ? Actor.service(ids.pick(SERVICES)) : session;
            e = Calls.assumeRole(caller, ids, t, region, role, "s-" + ids.hex(12), ids.sessionKey(), 3600).get(0);
        } else if (kind < 63) {
            String key = "arn:aws:kms:" + region + ":" + account + ":key/" + ids.pick(cast.kmsKeyIds());
            e = (ids.chance(0.5) ? Actor.service(ids.pick(SERVICES)) : session)
                    .call(ids, t, region, "kms", ids.chance(0.5) ? "Decrypt" : "GenerateDataKey")
                    .request(obj("keyId", key, "encryptionAlgorithm", "SYMMETRIC_DEFAULT",
                            "encryptionContext", obj("aws:s3:arn", "arn:aws:s3:::data-" + account + "-" + region + "/warehouse/"
                                    + ids.pick(TEAMS) + "/part-" + ids.between(0, 9999) + ".parquet")))
                    .resources(List.of(obj("accountId", account, "type", "AWS::KMS::Key", "ARN", key)))
                    .recipient(account);
        } else if (kind < 71) {
            e = ids.pick(cast.users()).call(ids, t, "us-east-1", "iam", ids.pick(List.of("ListRoles", "ListUsers",
                    "GetRole", "ListAttachedRolePolicies", "GetPolicyVersion")))
                    .request(obj("roleName", ids.pick(cast.roles()).name()));
        } else if (kind < 76) {
            Identity.Role role = ids.pick(cast.roles());
            e = ids.pick(cast.users()).call(ids, t, "us-east-1", "iam", "PutRolePolicy")
                    .request(obj("roleName", role.name(), "policyName", "inline-" + ids.pick(TEAMS),
                            "policyDocument", Calls.policy("Allow", List.of("s3:GetObject", "s3:PutObject",
                                    "kms:Decrypt", "sqs:SendMessage"), List.of("arn:aws:s3:::data-" + account + "/*",
                                    "arn:aws:kms:" + region + ":" + account + ":key/" + ids.pick(cast.kmsKeyIds())))));
        } else if (kind < 80) {
            e = Calls.runInstances(session, ids, t, region, "sg-0" + ids.hex(16),
                    ids.pick(List.of("m5.large", "c6i.xlarge", "r6g.2xlarge")), ids.between(1, 4));
        } else if (kind < 86) {
            String fn = ids.pick(cast.functions());
            e = session.call(ids, t, region, "lambda", "Invoke")
                    .request(obj("functionName", "arn:aws:lambda:" + region + ":" + account + ":function:" + fn))
                    .additional(obj("functionVersion", "arn:aws:lambda:" + region + ":" + account + ":function:" + fn
                            + ":$LATEST"))
                    .resources(List.of(obj("accountId", account, "type", "AWS::Lambda::Function",
                            "ARN", "arn:aws:lambda:" + region + ":" + account + ":function:" + fn)))
                    .dataEvent();
        } else if (kind < 93) {
            e = session.call(ids, t, region, "ssm", "GetParameter")
                    .request(obj("name", "/app/" + ids.pick(TEAMS) + "/config", "withDecryption", true));
        } else {
            e = session.call(ids, t, region, "sts", "GetCallerIdentity");
        }
        if (ids.chance(0.05) && e.identity().arn() != null) {
            Calls.denied(e.response(null), "AccessDenied", e.eventSource().replace(".amazonaws.com", "") + ":"
                    + e.eventName(), "arn:aws:" + e.eventSource().replace(".amazonaws.com", "") + ":" + region + ":"
                    + account + ":*");
        }
        e.appendTo(sb);
    }
}

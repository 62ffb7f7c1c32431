package io.trailsift.samples;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Agents;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Times;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.trailsift.samples.SampleAttack.SECURITY;
import static io.trailsift.samples.SampleAttack.WORKLOADS;
import static io.trailsift.testkit.Json.obj;

/**
 * Everything in the sample that is not the attack: the application's legitimate mail, CI deploys
 * with hourly OIDC sessions, Lambda and EC2 sessions started by AWS services, a security scanner
 * whose hourly List/Describe bursts look like reconnaissance but are not, a human administrator
 * with MFA, a bot that rotates its own access key, and CloudTrail's own KMS calls.
 */
final class SampleNoise {
    static final Instant START = Instant.parse("2026-05-20T00:00:00Z");
    static final Instant END = Instant.parse("2026-05-23T00:00:00Z");
    static final String APP_IP = "203.0.113.25";

    private final Ids ids;
    private final List<CloudTrailEvent> events;

    SampleNoise(Ids ids, List<CloudTrailEvent> events) {
        this.ids = ids;
        this.events = events;
    }

    void run(Identity appUser) {
        applicationMail(new Actor(appUser, APP_IP, Agents.APP_SDK));
        githubDeploys();
        lambdaSessions();
        batchInstance();
        securityScanner();
        humanAdmin();
        keyRotator();
        trailEncryption();
    }

    /**
     * SendEmail/SendRawEmail all day long: a queue worker drains the outbox in batches, every
     * 15 minutes in office hours and hourly at night.
     */
    private void applicationMail(Actor app) {
        for (Instant batch = START.plusSeconds(ids.between(30, 300)); batch.isBefore(END); ) {
            int hour = batch.atZone(java.time.ZoneOffset.UTC).getHour();
            int n = ids.between(8, 20);
            Instant t = batch;
            for (int i = 0; i < n; i++) {
                t = t.plusSeconds(ids.between(1, 8));
                if (ids.chance(0.7)) {
                    add(app.call(ids, t, "us-east-1", "ses", "SendEmail")
                            .request(obj("source", "noreply@notify.example.com",
                                    "destination", obj("toAddresses", List.of("HIDDEN_DUE_TO_SECURITY_REASONS")),
                                    "message", obj("subject", obj("data", "HIDDEN_DUE_TO_SECURITY_REASONS"))))
                            .response(obj("messageId", messageId())));
                } else {
                    add(app.call(ids, t, "us-east-1", "ses", "SendRawEmail")
                            .request(obj("source", "billing@notify.example.com",
                                    "rawMessage", obj("data", "HIDDEN_DUE_TO_SECURITY_REASONS")))
                            .response(obj("messageId", messageId())));
                }
            }
            batch = batch.plusSeconds(hour >= 7 && hour < 21 ? ids.between(840, 960) : ids.between(3300, 3900));
        }
    }

    private String messageId() {
        return "0100018f" + ids.hex(8) + "-" + ids.uuid() + "-000000";
    }

    /** Each hour a GitHub Actions job federates through OIDC and deploys; every other one also to eu-west-1. */
    private void githubDeploys() {
        Identity.Role role = new Identity.Role(WORKLOADS, "github-actions-deploy", ids.roleId());
        String provider = "arn:aws:iam::" + WORKLOADS + ":oidc-provider/token.actions.githubusercontent.com";
        String subject = "repo:example-org/shop-api:ref:refs/heads/main";
        int run = 0;
        for (Instant hour = START; hour.isBefore(END); hour = hour.plus(Duration.ofHours(1)), run++) {
            Instant t = hour.plusSeconds(ids.between(60, 2400));
            String ip = "192.0.2." + ids.between(10, 60);
            String key = ids.sessionKey();
            String session = "GitHubActions";
            Actor oidc = new Actor(Identity.webIdentityUser(provider, subject), ip, Agents.GITHUB_OIDC);
            CloudTrailEvent assume = oidc.call(ids, t, "us-east-1", "sts", "AssumeRoleWithWebIdentity")
                    .request(obj("roleArn", role.arn(), "roleSessionName", session, "durationSeconds", 3600));
            java.util.Map<String, Object> response = Calls.stsResponse(ids, key, t.plusSeconds(3600), obj(
                    "assumedRoleId", role.id() + ":" + session,
                    "arn", "arn:aws:sts::" + WORKLOADS + ":assumed-role/" + role.name() + "/" + session));
            response.put("subjectFromWebIdentityToken", subject);
            response.put("provider", provider);
            response.put("audience", "sts.amazonaws.com");
            assume.response(response)
                    .resources(List.of(obj("accountId", WORKLOADS, "type", "AWS::IAM::Role", "ARN", role.arn())))
                    .recipient(WORKLOADS);
            add(assume);
            Actor ci = new Actor(Identity.webIdentityRole(role, session, key, t, provider), ip,
                    Agents.cli("2.15.40", "ecs.update-service"));
            Instant d = deploy(ci, t.plusSeconds(20), "us-east-1", run);
            if (run % 2 == 0) {
                deploy(ci, d.plusSeconds(30), "eu-west-1", run);
            }
        }
    }

    private Instant deploy(Actor ci, Instant t, String region, int run) {
        String repo = "shop-api";
        add(ci.call(ids, t, region, "ecr", "GetAuthorizationToken").request(obj()));
        t = t.plusSeconds(ids.between(2, 6));
        add(ci.call(ids, t, region, "ecr", "BatchCheckLayerAvailability")
                .request(obj("repositoryName", repo, "layerDigests", List.of("sha256:" + ids.hex(64),
                        "sha256:" + ids.hex(64), "sha256:" + ids.hex(64)))));
        t = t.plusSeconds(ids.between(20, 60));
        add(ci.call(ids, t, region, "ecr", "PutImage")
                .request(obj("repositoryName", repo, "imageTag", "build-" + (4100 + run), "imageManifestMediaType",
                        "application/vnd.docker.distribution.manifest.v2+json"))
                .response(obj("image", obj("registryId", WORKLOADS, "repositoryName", repo,
                        "imageId", obj("imageDigest", "sha256:" + ids.hex(64), "imageTag", "build-" + (4100 + run))))));
        int artifacts = ids.between(6, 10);
        for (int i = 0; i < artifacts; i++) {
            t = t.plusSeconds(ids.between(1, 4));
            add(Calls.s3Object(ci, ids, t, region, "PutObject", WORKLOADS, "example-ci-artifacts-" + region,
                    "shop-api/build-" + (4100 + run) + "/" + ids.alnum(8) + ".tar.gz", ids.between(20_000, 9_000_000)));
        }
        t = t.plusSeconds(ids.between(5, 20));
        add(ci.call(ids, t, region, "cloudformation", "DescribeStacks").request(obj("stackName", "shop-api-" + region)));
        add(ci.call(ids, t.plusSeconds(3), region, "ecs", "UpdateService")
                .request(obj("cluster", "shop", "service", "shop-api", "taskDefinition", "shop-api:" + (300 + run),
                        "forceNewDeployment", false))
                .response(obj("service", obj("serviceName", "shop-api", "status", "ACTIVE", "desiredCount", 4,
                        "taskDefinition", "arn:aws:ecs:" + region + ":" + WORKLOADS + ":task-definition/shop-api:"
                                + (300 + run)))));
        int polls = ids.between(4, 8);
        for (int i = 0; i < polls; i++) {
            t = t.plusSeconds(15);
            add(ci.call(ids, t, region, "ecs", "DescribeServices")
                    .request(obj("cluster", "shop", "services", List.of("shop-api"))));
        }
        return t;
    }

    /** A Lambda function's role session, started by the Lambda service every hour. */
    private void lambdaSessions() {
        Identity.Role role = new Identity.Role(WORKLOADS, "order-sync-lambda-role", ids.roleId());
        Actor lambda = Actor.service("lambda.amazonaws.com");
        for (Instant t = START.plusSeconds(ids.between(10, 600)); t.isBefore(END); t = t.plusSeconds(3600)) {
            String key = ids.sessionKey();
            events.addAll(Calls.assumeRole(lambda, ids, t, "eu-west-1", role, "order-sync", key, 43200));
            Actor fn = new Actor(Identity.assumedRole(role, "order-sync", key, t, false), "203.0.113." + ids.between(100, 120),
                    Agents.LAMBDA_BOTO3);
            add(fn.call(ids, t.plusSeconds(1), "eu-west-1", "ssm", "GetParameter")
                    .request(obj("name", "/order-sync/endpoint", "withDecryption", true)));
            add(fn.call(ids, t.plusSeconds(2), "eu-west-1", "kms", "Decrypt")
                    .request(obj("encryptionAlgorithm", "SYMMETRIC_DEFAULT",
                            "encryptionContext", obj("PARAMETER_ARN", "arn:aws:ssm:eu-west-1:" + WORKLOADS
                                    + ":parameter/order-sync/endpoint")))
                    .resources(List.of(obj("accountId", WORKLOADS, "type", "AWS::KMS::Key",
                            "ARN", "arn:aws:kms:eu-west-1:" + WORKLOADS + ":key/" + ids.uuid()))));
        }
    }

    /** An EC2 instance profile: EC2 assumes the role hourly, the instance then moves a batch of S3 objects. */
    private void batchInstance() {
        Identity.Role role = new Identity.Role(WORKLOADS, "batch-worker-role", ids.roleId());
        String instance = ids.instanceId();
        Actor ec2 = Actor.service("ec2.amazonaws.com");
        for (Instant t = START.plusSeconds(ids.between(60, 900)); t.isBefore(END); t = t.plusSeconds(3600)) {
            String key = ids.sessionKey();
            events.addAll(Calls.assumeRole(ec2, ids, t, "us-west-2", role, instance, key, 21600));
            Actor worker = new Actor(Identity.assumedRole(role, instance, key, t, false), "203.0.113.140", Agents.GO_SDK);
            int n = ids.between(8, 16);
            Instant u = t.plusSeconds(30);
            for (int i = 0; i < n; i++) {
                u = u.plusSeconds(ids.between(5, 40));
                boolean put = i % 3 == 2;
                add(Calls.s3Object(worker, ids, u, "us-west-2", put ? "PutObject" : "GetObject", WORKLOADS,
                        "example-batch-data-" + WORKLOADS, (put ? "out/" : "in/") + "2026/05/" + ids.alnum(12) + ".parquet",
                        ids.between(100_000, 50_000_000)));
            }
        }
    }

    /**
     * The security account's posture scanner: a Lambda in 210987654321 assumes a read-only role in
     * the workloads account every hour and lists everything, in seconds. Benign, and exactly the
     * kind of burst a naive reconnaissance rule would flag.
     */
    private void securityScanner() {
        Identity.Role lambdaRole = new Identity.Role(SECURITY, "cspm-scanner-lambda", ids.roleId());
        Identity.Role auditRole = new Identity.Role(WORKLOADS, "SecurityAuditReadOnly", ids.roleId());
        Actor lambda = Actor.service("lambda.amazonaws.com");
        List<String> users = List.of("admin-user", "app-integration-user", "dana.ops", "key-rotator-bot",
                "ci-legacy-deployer", "reporting-reader");
        int run = 0;
        for (Instant t = START.plusSeconds(1260); t.isBefore(END); t = t.plusSeconds(3600), run++) {
            String lambdaKey = ids.sessionKey();
            events.addAll(Calls.assumeRole(lambda, ids, t, "eu-west-1", lambdaRole, "cspm-scanner", lambdaKey, 3600));
            Actor fn = new Actor(Identity.assumedRole(lambdaRole, "cspm-scanner", lambdaKey, t, false), "203.0.113.61",
                    Agents.LAMBDA_BOTO3);
            String session = "cspm-" + (1000 + run);
            String auditKey = ids.sessionKey();
            events.addAll(Calls.assumeRole(fn, ids, t.plusSeconds(2), "eu-west-1", auditRole, session, auditKey, 3600));
            Actor scan = new Actor(Identity.assumedRole(auditRole, session, auditKey, t.plusSeconds(2), false),
                    "203.0.113.61", Agents.LAMBDA_BOTO3);
            Instant u = t.plusSeconds(4);
            for (String name : List.of("GetAccountSummary", "GetAccountPasswordPolicy", "ListUsers", "ListRoles",
                    "ListPolicies", "GenerateCredentialReport", "GetCredentialReport")) {
                add(scan.call(ids, u = u.plusSeconds(1), "us-east-1", "iam", name));
            }
            for (String user : users) {
                add(scan.call(ids, u = u.plusSeconds(1), "us-east-1", "iam", "ListAccessKeys").request(obj("userName", user)));
                add(scan.call(ids, u, "us-east-1", "iam", "ListMFADevices").request(obj("userName", user)));
            }
            add(scan.call(ids, u = u.plusSeconds(1), "us-east-1", "s3", "ListBuckets").request(obj("Host", "s3.amazonaws.com")));
            for (String bucket : List.of("example-ci-artifacts-us-east-1", "example-ci-artifacts-eu-west-1",
                    "example-batch-data-" + WORKLOADS)) {
                CloudTrailEvent policy = add(scan.call(ids, u = u.plusSeconds(1), "us-east-1", "s3", "GetBucketPolicy")
                        .request(obj("bucketName", bucket, "Host", bucket + ".s3.amazonaws.com", "policy", "")));
                if (!bucket.startsWith("example-batch")) {
                    policy.error("NoSuchBucketPolicy", "The bucket policy does not exist");
                }
                add(scan.call(ids, u, "us-east-1", "s3", "GetBucketPublicAccessBlock")
                        .request(obj("bucketName", bucket, "Host", bucket + ".s3.amazonaws.com", "publicAccessBlock", "")));
            }
            for (String region : List.of("us-east-1", "us-west-2", "eu-west-1")) {
                for (String name : List.of("DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes", "DescribeVpcs",
                        "DescribeNetworkInterfaces",
                        "DescribeSnapshots")) {
                    add(scan.call(ids, u = u.plusSeconds(1), region, "ec2", name)
                            .request(name.equals("DescribeSnapshots") ? obj("ownersSet", obj("items",
                                    List.of(obj("owner", "self")))) : obj("filterSet", obj())));
                }
            }
            add(scan.call(ids, u = u.plusSeconds(1), "us-east-1", "cloudtrail", "DescribeTrails").request(obj()));
            add(scan.call(ids, u.plusSeconds(1), "us-east-1", "cloudtrail", "GetTrailStatus")
                    .request(obj("name", "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail")));
        }
    }

    /** dana.ops signs in each morning with MFA and works in the console for a while. */
    private void humanAdmin() {
        String userId = ids.userId();
        for (Instant day = START; day.isBefore(END); day = day.plus(Duration.ofDays(1))) {
            Instant t = day.plusSeconds(9 * 3600 + ids.between(0, 1800));
            Actor browser = new Actor(Identity.iamUser(WORKLOADS, "dana.ops", userId, null), "203.0.113.200", Agents.BROWSER);
            add(browser.call(ids, t, "us-east-1", "signin", "ConsoleLogin")
                    .request(null).response(obj("ConsoleLogin", "Success"))
                    .additional(obj("LoginTo", "https://console.aws.amazon.com/console/home?region=us-east-1",
                            "MobileVersion", "No", "MFAIdentifier", "arn:aws:iam::" + WORKLOADS + ":mfa/dana.ops",
                            "MFAUsed", "Yes"))
                    .eventType("AwsConsoleSignIn").readOnly(false));
            Actor console = new Actor(Identity.iamUserSession(WORKLOADS, "dana.ops", userId, ids.sessionKey(), t, true),
                    "203.0.113.200", Agents.CONSOLE);
            int n = ids.between(25, 45);
            for (int i = 0; i < n; i++) {
                t = t.plusSeconds(ids.between(20, 120));
                String[] call = ids.pick(List.of(new String[] {"ec2", "DescribeInstances"},
                        new String[] {"ec2", "DescribeInstanceStatus"}, new String[] {"monitoring", "DescribeAlarms"},
                        new String[] {"monitoring", "GetMetricData"}, new String[] {"iam", "ListUsers"},
                        new String[] {"iam", "ListRoles"}, new String[] {"ce", "GetCostAndUsage"},
                        new String[] {"health", "DescribeEventAggregates"}, new String[] {"ecs", "ListClusters"}));
                String region = call[0].equals("iam") || call[0].equals("ce") || call[0].equals("health") ? "us-east-1"
                        : ids.pick(List.of("us-east-1", "eu-west-1"));
                add(console.call(ids, t, region, call[0], call[1]).request(obj()).consoleSession());
            }
        }
    }

    /** A bot rotating its own key daily: the new key, made by the old one, retires the old one. */
    private void keyRotator() {
        String userId = ids.userId();
        String key = ids.longTermKey();
        for (Instant hour = START.plusSeconds(420); hour.isBefore(END); hour = hour.plusSeconds(3600)) {
            Actor bot = new Actor(Identity.iamUser(WORKLOADS, "key-rotator-bot", userId, key), "203.0.113.31", Agents.BOTO3);
            if (hour.atZone(java.time.ZoneOffset.UTC).getHour() == 3) {
                add(bot.call(ids, hour, "us-east-1", "iam", "ListAccessKeys"));
                String next = ids.longTermKey();
                add(bot.call(ids, hour.plusSeconds(1), "us-east-1", "iam", "CreateAccessKey")
                        .response(obj("accessKey", obj("userName", "key-rotator-bot", "accessKeyId", next,
                                "status", "Active", "createDate", Times.response(hour.plusSeconds(1))))));
                Actor renewed = new Actor(Identity.iamUser(WORKLOADS, "key-rotator-bot", userId, next), "203.0.113.31",
                        Agents.BOTO3);
                add(renewed.call(ids, hour.plusSeconds(12), "us-east-1", "iam", "UpdateAccessKey")
                        .request(obj("accessKeyId", key, "status", "Inactive")));
                add(renewed.call(ids, hour.plusSeconds(13), "us-east-1", "iam", "DeleteAccessKey")
                        .request(obj("accessKeyId", key)));
                key = next;
                bot = renewed;
            }
            add(bot.call(ids, hour.plusSeconds(30), "us-east-1", "ssm", "GetParameter")
                    .request(obj("name", "/ops/key-rotator/config", "withDecryption", false)));
        }
    }

    /** The organization trail encrypts its log files with a KMS key kept in the security account. */
    private void trailEncryption() {
        Actor cloudtrail = Actor.service("cloudtrail.amazonaws.com");
        String keyArn = "arn:aws:kms:us-east-1:" + SECURITY + ":key/" + ids.uuid();
        for (Instant t = START.plusSeconds(ids.between(0, 300)); t.isBefore(END); t = t.plusSeconds(3600)) {
            add(cloudtrail.call(ids, t, "us-east-1", "kms", "GenerateDataKey")
                    .request(obj("keyId", keyArn, "encryptionContext", obj(
                            "aws:cloudtrail:arn", "arn:aws:cloudtrail:us-east-1:999988887777:trail/org-trail",
                            "aws:s3:arn", "arn:aws:s3:::example-org-cloudtrail-logs/AWSLogs/" + SampleLogs.ORG_ID
                                    + "/" + WORKLOADS + "/CloudTrail/us-east-1/" + Times.dayFolders(t) + "/"),
                            "keySpec", "AES_256"))
                    .resources(List.of(obj("accountId", SECURITY, "type", "AWS::KMS::Key", "ARN", keyArn)))
                    .recipient(SECURITY));
        }
    }

    private CloudTrailEvent add(CloudTrailEvent e) {
        events.add(e);
        return e;
    }
}

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

import static io.trailsift.testkit.Json.obj;

/**
 * The one incident planted in the org corpus, in its last week. The integration user's access key
 * leaks; from a residential address the org has never seen, with an ordinary AWS CLI on a Mac (no
 * tool names itself), the attacker maps the account, is refused the customer exports, assumes the
 * data-export role the key had never used and reads them with it, chains from there into the
 * development account's cross-account-admin role (the integration user's first entry into that
 * account), reads three secrets and leaves an administrator user behind, stops the account's trail
 * and disables GuardDuty. The next night they replay a Lambda function's and an ECS task's
 * sessions, lifted from the applications, from the same address. Every step is a list of event ids
 * in the answer key.
 */
final class Incident {
    static final String ATTACKER_IP = "71.178.22.145";
    private static final String CLI = "2.16.12";

    /** One step of the incident: what it was, the credential it used or obtained, its events. */
    record Step(String name, String description, String credential, List<CloudTrailEvent> events) {
    }

    final List<Step> steps = new ArrayList<>();
    final List<String> credentials = new ArrayList<>();
    private final Org org;
    private final Ids ids;

    Incident(Org org) {
        this.org = org;
        this.ids = Seeds.ids(org.seed, "incident");
        build();
    }

    List<CloudTrailEvent> events() {
        return steps.stream().flatMap(s -> s.events().stream()).toList();
    }

    private static String agent(String command) {
        return Agents.cli(CLI, "macos#22.6.0", "x86_64", "pkg", command);
    }

    private static Instant at(int day, String hhmmss) {
        return Instant.parse(Times.dayFolders(OrgCalendar.day(day)).replace('/', '-') + "T" + hhmmss + "Z");
    }

    /** The attacker at the keyboard with a credential: each call names its CLI command in the agent. */
    private final class Hands {
        final Identity identity;
        final List<CloudTrailEvent> events = new ArrayList<>();

        Hands(Identity identity) {
            this.identity = identity;
        }

        CloudTrailEvent call(Instant t, String region, String service, String name, String command) {
            CloudTrailEvent e = new Actor(identity, ATTACKER_IP, agent(command)).call(ids, t, region, service, name);
            events.add(e);
            return e;
        }

        CloudTrailEvent refused(Instant t, String service, String name, String command, String resource) {
            CloudTrailEvent e = call(t, "us-east-1", service, name, command);
            return Calls.denied(e, service.equals("ec2") ? "Client.UnauthorizedOperation" : "AccessDenied",
                    service + ":" + name, resource);
        }

        /** sts assume-role: the AssumeRole records (both accounts' copies) and the new session's identity. */
        Identity assume(Instant t, Identity.Role role, String sessionName, String key) {
            events.addAll(Calls.assumeRole(new Actor(identity, ATTACKER_IP, agent("sts.assume-role")), ids, t, "us-east-1",
                    role, sessionName, key, 3600));
            return Identity.assumedRole(role, sessionName, key, t, false);
        }

        CloudTrailEvent getObject(Instant t, String bucket, String key) {
            CloudTrailEvent e = Calls.s3Object(new Actor(identity, ATTACKER_IP, agent("s3.cp")), ids, t, "us-east-1",
                    "GetObject", identity.accountId(), bucket, key, ids.between(800_000, 40_000_000));
            events.add(e);
            return e;
        }
    }

    private void build() {
        int day = OrgCalendar.INCIDENT_DAY;
        Identity user = org.integration.identity;
        String stolen = user.accessKeyId();
        credentials.add(stolen);

        // a. The key wakes up somewhere new: who am I, then the account's map, some of it refused.
        Hands key = new Hands(user);
        key.call(at(day, "13:02:11"), "us-east-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        key.call(at(day, "13:02:40"), "us-east-1", "iam", "GetUser", "iam.get-user");
        key.call(at(day, "13:02:58"), "us-east-1", "iam", "ListAttachedUserPolicies", "iam.list-attached-user-policies")
                .request(obj("userName", "integration-etl"));
        key.call(at(day, "13:03:10"), "us-east-1", "iam", "ListUserPolicies", "iam.list-user-policies")
                .request(obj("userName", "integration-etl"));
        key.call(at(day, "13:03:31"), "us-east-1", "iam", "ListUsers", "iam.list-users");
        key.call(at(day, "13:03:44"), "us-east-1", "iam", "ListAccessKeys", "iam.list-access-keys")
                .request(obj("userName", "integration-etl"));
        key.call(at(day, "13:04:02"), "us-east-1", "iam", "ListRoles", "iam.list-roles");
        key.call(at(day, "13:04:30"), "us-east-1", "iam", "ListPolicies", "iam.list-policies").request(obj("scope", "Local"));
        key.refused(at(day, "13:04:51"), "iam", "GetAccountAuthorizationDetails", "iam.get-account-authorization-details",
                "*");
        key.refused(at(day, "13:05:06"), "iam", "ListGroups", "iam.list-groups", "arn:aws:iam::" + Org.PROD + ":group/");
        key.call(at(day, "13:05:20"), "us-east-1", "s3", "ListBuckets", "s3.ls").request(obj("Host", "s3.amazonaws.com"));
        key.refused(at(day, "13:05:41"), "ec2", "DescribeInstances", "ec2.describe-instances", "*");
        key.refused(at(day, "13:05:55"), "lambda", "ListFunctions20150331", "lambda.list-functions",
                "arn:aws:lambda:us-east-1:" + Org.PROD + ":function:*");
        key.refused(at(day, "13:06:09"), "secretsmanager", "ListSecrets", "secretsmanager.list-secrets", "*");
        key.refused(at(day, "13:06:30"), "ssm", "DescribeParameters", "ssm.describe-parameters",
                "arn:aws:ssm:us-east-1:" + Org.PROD + ":*");
        steps.add(new Step("a-reconnaissance", "the integration user's access key, used from " + ATTACKER_IP
                + " (aws-cli on macOS), asks who it is and enumerates IAM and S3; several calls are refused",
                stolen, key.events));

        // b. Refused the customer exports, the key finds a role that may read them and takes it.
        Hands refused = new Hands(user);
        String export = "exports/" + Times.dayFolders(at(day, "00:00:00").minusSeconds(86_400)) + "/customers-0.csv.gz";
        CloudTrailEvent denied = refused.getObject(at(day, "13:08:12"), org.exportBucket, export);
        denied.response(null).error("AccessDenied", "Access Denied");
        refused.call(at(day, "13:09:03"), "us-east-1", "iam", "GetRole", "iam.get-role")
                .request(obj("roleName", org.exportRole.name()));
        String exportKey = ids.sessionKey();
        Hands exporter = new Hands(refused.assume(at(day, "13:10:27"), org.exportRole, "export-check", exportKey));
        exporter.call(at(day, "13:10:49"), "us-east-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        for (int i = 0; i < 4; i++) {
            exporter.getObject(at(day, "13:11:" + (10 + i * 9)), org.exportBucket, export.replace("-0.", "-" + i + "."));
        }
        credentials.add(exportKey);
        List<CloudTrailEvent> stepB = new ArrayList<>(refused.events);
        stepB.addAll(exporter.events);
        steps.add(new Step("b-denied-then-role", "s3:GetObject on " + org.exportBucket + " is refused to the key; it "
                + "assumes " + org.exportRole.name() + ", which it had never used, and reads the same objects with that "
                + "session", exportKey, stepB));

        // c. From the export session into the development account, secrets, and a backdoor administrator.
        String devKey = ids.sessionKey();
        Hands chain = new Hands(exporter.identity);
        Hands dev = new Hands(chain.assume(at(day, "13:19:36"), org.devCrossAccountRole, "export-check", devKey));
        dev.call(at(day, "13:19:58"), "us-east-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        dev.call(at(day, "13:20:30"), "us-east-1", "secretsmanager", "ListSecrets", "secretsmanager.list-secrets");
        int s = 0;
        for (String secret : List.of("ci/github-app-private-key", "ci/npm-publish-token", "shared/datadog-api-key")) {
            dev.call(at(day, String.format("13:21:%02d", 5 + 17 * s++)), "us-east-1", "secretsmanager", "GetSecretValue",
                    "secretsmanager.get-secret-value").request(obj("secretId", secret));
        }
        String backdoor = "svc-backup-sync";
        String backdoorKey = ids.longTermKey();
        dev.call(at(day, "13:24:02"), "us-east-1", "iam", "CreateUser", "iam.create-user").request(obj("userName", backdoor))
                .response(obj("user", obj("path", "/", "userName", backdoor, "userId", ids.userId(),
                        "arn", "arn:aws:iam::" + Org.DEV + ":user/" + backdoor, "createDate", Times.response(at(day, "13:24:02")))));
        dev.call(at(day, "13:24:19"), "us-east-1", "iam", "CreateAccessKey", "iam.create-access-key")
                .request(obj("userName", backdoor))
                .response(obj("accessKey", obj("userName", backdoor, "accessKeyId", backdoorKey, "status", "Active",
                        "createDate", Times.response(at(day, "13:24:19")))));
        dev.call(at(day, "13:24:37"), "us-east-1", "iam", "AttachUserPolicy", "iam.attach-user-policy")
                .request(obj("userName", backdoor, "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));
        dev.call(at(day, "13:25:01"), "us-east-1", "iam", "CreateLoginProfile", "iam.create-login-profile")
                .request(obj("userName", backdoor, "passwordResetRequired", false))
                .response(obj("loginProfile", obj("userName", backdoor, "createDate", Times.response(at(day, "13:25:01")),
                        "passwordResetRequired", false)));
        credentials.add(devKey);
        credentials.add(backdoorKey);
        List<CloudTrailEvent> stepC = new ArrayList<>(chain.events);
        stepC.addAll(dev.events);
        steps.add(new Step("c-cross-account-backdoor", "the export session assumes " + org.devCrossAccountRole.arn()
                + " (the integration user's first entry into " + Org.DEV + "), reads three secrets and creates the "
                + "administrator " + backdoor + " with an access key (" + backdoorKey + ") and a console password",
                devKey, stepC));

        // e. Blinding the development account.
        Hands blind = new Hands(dev.identity);
        blind.call(at(day, "13:31:12"), "us-east-1", "cloudtrail", "DescribeTrails", "cloudtrail.describe-trails")
                .request(obj("includeShadowTrails", false));
        blind.call(at(day, "13:31:40"), "us-east-1", "cloudtrail", "StopLogging", "cloudtrail.stop-logging")
                .request(obj("name", "arn:aws:cloudtrail:us-east-1:" + Org.DEV + ":trail/dev-account-trail"));
        String detector = Seeds.ids(org.seed, "detector", Org.DEV).hex(32);
        blind.call(at(day, "13:32:05"), "us-east-1", "guardduty", "ListDetectors", "guardduty.list-detectors");
        blind.call(at(day, "13:32:28"), "us-east-1", "guardduty", "UpdateDetector", "guardduty.update-detector")
                .request(obj("detectorId", detector, "enable", false));
        blind.call(at(day, "13:33:10"), "us-west-2", "guardduty", "DeleteDetector", "guardduty.delete-detector")
                .request(obj("detectorId", Seeds.ids(org.seed, "detector", Org.DEV, "us-west-2").hex(32)));
        steps.add(new Step("e-defense-evasion", "the same session stops the development account's trail and disables "
                + "GuardDuty (UpdateDetector enable false in us-east-1, DeleteDetector in us-west-2)", devKey, blind.events));

        // d. The next night: sessions taken from the applications, replayed from the same address.
        Instant night = at(day + 1, "02:41:07");
        Workload.Session fn = org.invoicePdf.sessionAt(0, night);
        Hands lambda = new Hands(fn.identity());
        lambda.call(night, "us-east-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        lambda.call(night.plusSeconds(21), "us-east-1", "s3", "ListBuckets", "s3.ls").request(obj("Host", "s3.amazonaws.com"));
        for (int i = 0; i < 2; i++) {
            lambda.getObject(night.plusSeconds(48 + 30L * i), "acme-prod-invoices", "rendered/" + Times.dayFolders(night)
                    + "/" + ids.alnum(10) + ".json");
        }
        credentials.add(fn.key);
        steps.add(new Step("d-lambda-session-replayed", "the session lambda.amazonaws.com issued to invoice-pdf ("
                + fn.key + "), first used inside AWS by the function, is used from " + ATTACKER_IP + " with aws-cli on macOS",
                fn.key, lambda.events));
        Instant later = night.plusSeconds(11 * 60);
        Workload.Session task = org.ordersApi.sessionAt(0, later);
        Hands ecs = new Hands(task.identity());
        ecs.call(later, "us-east-1", "ecr", "GetAuthorizationToken", "ecr.get-login-password").request(obj());
        String repo = "arn:aws:ecr:us-east-1:" + Org.PROD + ":repository/orders-api";
        ecs.call(later.plusSeconds(14), "us-east-1", "ecr", "BatchGetImage", "ecr.batch-get-image")
                .request(obj("repositoryName", "orders-api", "registryId", Org.PROD, "imageIds", List.of(obj("imageTag", "live"))))
                .resources(List.of(obj("accountId", Org.PROD, "ARN", repo)));
        for (int i = 0; i < 3; i++) {
            ecs.call(later.plusSeconds(30 + 6L * i), "us-east-1", "ecr", "GetDownloadUrlForLayer",
                    "ecr.get-download-url-for-layer")
                    .request(obj("repositoryName", "orders-api", "registryId", Org.PROD, "layerDigest", "sha256:" + ids.hex(64)))
                    .resources(List.of(obj("accountId", Org.PROD, "ARN", repo)));
        }
        credentials.add(task.key);
        steps.add(new Step("d-ecs-session-replayed", "the orders-api task-role session ecs-tasks.amazonaws.com issued ("
                + task.key + ") pulls the service's image from " + ATTACKER_IP + " with aws-cli on macOS", task.key, ecs.events));
    }
}

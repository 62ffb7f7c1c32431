package io.trailsift.samples;

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
import java.util.Map;

import static io.trailsift.testkit.Json.obj;

/**
 * The incident in {@code sample-logs/}: the SES-only key of {@code app-integration-user} is used
 * from 198.51.100.50 on 2026-05-21, escalates through {@code iam:CreatePolicyVersion}, leaves a
 * backdoor admin user, pivots through a role into the security account and blinds it; the next day
 * the backdoor key gets a session token and launches large instances. Times are fixed; only ids
 * come from the seeded generator.
 */
final class SampleAttack {
    static final String WORKLOADS = "123456789012";
    static final String SECURITY = "210987654321";
    static final String STOLEN_KEY = "AKIA1234567890ABCDEF";
    static final String APP_USER = "app-integration-user";
    static final String BACKDOOR_USER = "svc-backup-admin";
    static final String ATTACKER_IP = "198.51.100.50";
    static final String NEXT_DAY_IP = "192.0.2.199";
    static final String CLI = "2.15.30";

    /** One credential of the lineage and how the attacker got it. */
    record Credential(String key, String kind, String principal, String obtainedBy, String parent,
                      List<String> viaEventIds) {
    }

    /** A persistence or damage the attacker left, with the event that shows it. */
    record Backdoor(String what, String eventName, String eventId) {
    }

    /**
     * Something else the attacker touched, with the event that shows it: data it read (what to
     * rotate) or a resource it made that no rule flags on its own (what to delete).
     */
    record Touched(String what, String eventName, String eventId) {
    }

    private final Ids ids;
    private final List<CloudTrailEvent> events;
    final String appUserId;
    final List<Credential> lineage = new ArrayList<>();
    final List<Backdoor> backdoors = new ArrayList<>();
    final List<Touched> dataRead = new ArrayList<>();
    final List<Touched> resourcesMade = new ArrayList<>();

    SampleAttack(Ids ids, List<CloudTrailEvent> events) {
        this.ids = ids;
        this.events = events;
        this.appUserId = ids.userId();
    }

    Identity appUser() {
        return Identity.iamUser(WORKLOADS, APP_USER, appUserId, STOLEN_KEY);
    }

    void run() {
        lineage.add(new Credential(STOLEN_KEY, "long-term", "arn:aws:iam::" + WORKLOADS + ":user/" + APP_USER,
                "leaked (origin not in the logs)", null, List.of()));
        Actor thief = new Actor(appUser(), ATTACKER_IP, Agents.cli(CLI, "sts.get-caller-identity"));
        String sesPolicy = "arn:aws:iam::" + WORKLOADS + ":policy/app-integration-ses-send";
        String admin = "arn:aws:iam::aws:policy/AdministratorAccess";

        // Reconnaissance, second by second as the issue describes it.
        cli(thief, "12:11:58", "us-east-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        cli(thief, "12:12:05", "us-east-1", "iam", "ListUsers", "iam.list-users");
        cli(thief, "12:12:12", "us-east-1", "iam", "ListAccessKeys", "iam.list-access-keys");
        cli(thief, "12:12:19", "us-east-1", "iam", "ListRoles", "iam.list-roles");
        cli(thief, "12:12:25", "us-east-1", "iam", "ListPolicies", "iam.list-policies")
                .request(obj("scope", "Local", "onlyAttached", false));
        cli(thief, "12:12:33", "us-east-1", "iam", "GetUser", "iam.get-user").request(obj("userName", "admin-user"));
        cli(thief, "12:12:58", "us-east-1", "iam", "ListAttachedUserPolicies", "iam.list-attached-user-policies")
                .request(obj("userName", APP_USER));
        cli(thief, "12:13:07", "us-east-1", "iam", "GetPolicyVersion", "iam.get-policy-version")
                .request(obj("policyArn", sesPolicy, "versionId", "v1"));

        // Escalation: attaching admin fails, rewriting its own policy works.
        Calls.denied(cli(thief, "12:13:20", "us-east-1", "iam", "AttachUserPolicy", "iam.attach-user-policy")
                        .request(obj("userName", APP_USER, "policyArn", admin)),
                "AccessDenied", "iam:AttachUserPolicy", "user " + APP_USER);
        CloudTrailEvent escalation = cli(thief, "12:13:41", "us-east-1", "iam", "CreatePolicyVersion",
                "iam.create-policy-version")
                .request(obj("policyArn", sesPolicy, "policyDocument", Calls.policy("Allow", "*", "*"),
                        "setAsDefault", true))
                .response(obj("policyVersion", obj("versionId", "v2", "isDefaultVersion", true,
                        "createDate", Times.response(at("12:13:41")))));
        backdoors.add(new Backdoor("policy " + sesPolicy + " v2 allows *:* (set as default): the escalation",
                "CreatePolicyVersion", escalation.eventId()));

        // The backdoor user, made an administrator, with a key and a console password.
        String backdoorUserId = ids.userId();
        String backdoorArn = "arn:aws:iam::" + WORKLOADS + ":user/" + BACKDOOR_USER;
        CloudTrailEvent createUser = cli(thief, "12:14:05", "us-east-1", "iam", "CreateUser", "iam.create-user")
                .request(obj("userName", BACKDOOR_USER))
                .response(obj("user", obj("path", "/", "userName", BACKDOOR_USER, "userId", backdoorUserId,
                        "arn", backdoorArn, "createDate", Times.response(at("12:14:05")))));
        backdoors.add(new Backdoor("IAM user " + BACKDOOR_USER, "CreateUser", createUser.eventId()));
        CloudTrailEvent attach = cli(thief, "12:14:18", "us-east-1", "iam", "AttachUserPolicy", "iam.attach-user-policy")
                .request(obj("userName", BACKDOOR_USER, "policyArn", admin));
        backdoors.add(new Backdoor("AdministratorAccess attached to " + BACKDOOR_USER, "AttachUserPolicy",
                attach.eventId()));
        String backdoorKey = ids.longTermKey();
        CloudTrailEvent createKey = cli(thief, "12:14:31", "us-east-1", "iam", "CreateAccessKey", "iam.create-access-key")
                .request(obj("userName", BACKDOOR_USER))
                .response(obj("accessKey", obj("userName", BACKDOOR_USER, "accessKeyId", backdoorKey,
                        "status", "Active", "createDate", Times.response(at("12:14:31")))));
        backdoors.add(new Backdoor("access key " + backdoorKey + " for " + BACKDOOR_USER, "CreateAccessKey",
                createKey.eventId()));
        CloudTrailEvent profile = cli(thief, "12:14:52", "us-east-1", "iam", "CreateLoginProfile",
                "iam.create-login-profile")
                .request(obj("userName", BACKDOOR_USER, "passwordResetRequired", false))
                .response(obj("loginProfile", obj("userName", BACKDOOR_USER,
                        "createDate", Times.response(at("12:14:52")), "passwordResetRequired", false)));
        backdoors.add(new Backdoor("console password (login profile) for " + BACKDOOR_USER, "CreateLoginProfile",
                profile.eventId()));

        // A role in the same account: the organization's admin role refuses, the deploy role accepts.
        Identity.Role orgRole = new Identity.Role(WORKLOADS, "OrganizationAccountAccessRole", ids.roleId());
        Identity.Role deployRole = new Identity.Role(WORKLOADS, "DeployAutomationRole", ids.roleId());
        Identity.Role toolingRole = new Identity.Role(SECURITY, "SecurityToolingAdmin", ids.roleId());
        Actor assumer = thief.withAgent(Agents.cli(CLI, "sts.assume-role"));
        CloudTrailEvent refused = Calls.assumeRole(assumer, ids, at("12:16:02"), "us-east-1", orgRole, "maint",
                ids.sessionKey(), 3600).get(0);
        refused.response(null).error("AccessDenied", "User: " + appUser().arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + orgRole.arn());
        events.add(refused);
        String deployKey = ids.sessionKey();
        List<CloudTrailEvent> toDeploy = Calls.assumeRole(assumer, ids, at("12:16:40"), "us-east-1", deployRole,
                "backup-check", deployKey, 3600);
        events.addAll(toDeploy);
        lineage.add(new Credential(deployKey, "session", "arn:aws:sts::" + WORKLOADS
                + ":assumed-role/DeployAutomationRole/backup-check", "AssumeRole", STOLEN_KEY, eventIds(toDeploy)));

        Actor deploy = new Actor(Identity.assumedRole(deployRole, "backup-check", deployKey, at("12:16:40"), false),
                ATTACKER_IP, Agents.cli(CLI, "sts.get-caller-identity"));
        cli(deploy, "12:17:02", "us-east-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        cli(deploy, "12:17:15", "us-east-1", "s3", "ListBuckets", "s3.ls")
                .request(obj("Host", "s3.amazonaws.com"))
                .additional(obj("SignatureVersion", "SigV4", "CipherSuite", "TLS_AES_128_GCM_SHA256",
                        "bytesTransferredIn", 0L, "AuthenticationMethod", "AuthHeader", "x-amz-id-2", ids.base64(76),
                        "bytesTransferredOut", 1684L));

        // From the deploy role's session, the security account's tooling role.
        String toolingKey = ids.sessionKey();
        List<CloudTrailEvent> toTooling = Calls.assumeRole(deploy.withAgent(Agents.cli(CLI, "sts.assume-role")), ids,
                at("12:18:05"), "us-east-1", toolingRole, "backup-check", toolingKey, 3600);
        events.addAll(toTooling);
        lineage.add(new Credential(toolingKey, "session", "arn:aws:sts::" + SECURITY
                + ":assumed-role/SecurityToolingAdmin/backup-check", "AssumeRole (cross-account)", deployKey,
                eventIds(toTooling)));

        Actor tooling = new Actor(Identity.assumedRole(toolingRole, "backup-check", toolingKey, at("12:18:05"), false),
                ATTACKER_IP, "");
        securityAccount(tooling);

        // Meanwhile in the workloads account: the deploy session probes, the stolen key checks its work.
        cli(deploy, "12:20:31", "us-east-1", "iam", "ListAttachedRolePolicies", "iam.list-attached-role-policies")
                .request(obj("roleName", deployRole.name()));
        cli(thief, "12:21:10", "us-east-1", "iam", "ListAccessKeys", "iam.list-access-keys")
                .request(obj("userName", BACKDOOR_USER));
        cli(deploy, "12:21:40", "us-east-1", "ec2", "DescribeInstances", "ec2.describe-instances")
                .request(obj("instancesSet", obj(), "filterSet", obj()));
        Calls.denied(cli(deploy, "12:22:15", "us-east-1", "iam", "PutRolePolicy", "iam.put-role-policy")
                        .request(obj("roleName", deployRole.name(), "policyName", "backup",
                                "policyDocument", Calls.policy("Allow", "*", "*"))),
                "AccessDenied", "iam:PutRolePolicy", "role " + deployRole.name());
        cli(deploy, "12:23:05", "us-east-1", "secretsmanager", "ListSecrets", "secretsmanager.list-secrets");
        cli(thief, "12:23:50", "us-east-1", "iam", "GetLoginProfile", "iam.get-login-profile")
                .request(obj("userName", BACKDOOR_USER));
        cli(deploy, "12:24:12", "us-east-1", "ssm", "DescribeParameters", "ssm.describe-parameters")
                .request(obj("maxResults", 50));

        consoleLogin(backdoorUserId);
        nextDay(backdoorUserId, backdoorKey, createKey.eventId());
    }

    private void securityAccount(Actor tooling) {
        cli(tooling, "12:19:02", "eu-west-1", "sts", "GetCallerIdentity", "sts.get-caller-identity");
        cli(tooling, "12:19:20", "eu-west-1", "secretsmanager", "ListSecrets", "secretsmanager.list-secrets");
        for (String[] s : new String[][] {{"12:19:41", "prod/siem/splunk-hec-token"}, {"12:19:58", "prod/pagerduty/api-key"}}) {
            CloudTrailEvent read = cli(tooling, s[0], "eu-west-1", "secretsmanager", "GetSecretValue",
                    "secretsmanager.get-secret-value").request(obj("secretId", s[1]));
            dataRead.add(new Touched("secret " + s[1] + " in " + SECURITY, "GetSecretValue", read.eventId()));
        }
        CloudTrailEvent vault = cli(tooling, "12:20:10", "eu-west-1", "secretsmanager", "GetSecretValue",
                "secretsmanager.get-secret-value").request(obj("secretId", "prod/vault/unseal-keys"));
        vault.error("AccessDeniedException", "User: " + tooling.identity().arn()
                + " is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/vault/unseal-keys"
                + " because no resource-based policy allows the secretsmanager:GetSecretValue action");
        cli(tooling, "12:24:30", "eu-west-1", "cloudtrail", "DescribeTrails", "cloudtrail.describe-trails")
                .request(obj("includeShadowTrails", true));
        String trail = "arn:aws:cloudtrail:eu-west-1:" + SECURITY + ":trail/security-tooling-trail";
        CloudTrailEvent stop = cli(tooling, "12:24:51", "eu-west-1", "cloudtrail", "StopLogging",
                "cloudtrail.stop-logging").request(obj("name", trail));
        backdoors.add(new Backdoor("trail security-tooling-trail stopped in " + SECURITY, "StopLogging", stop.eventId()));
        CloudTrailEvent recorder = cli(tooling, "12:25:02", "eu-west-1", "config", "StopConfigurationRecorder",
                "configservice.stop-configuration-recorder").request(obj("configurationRecorderName", "default"));
        backdoors.add(new Backdoor("AWS Config recorder stopped in " + SECURITY, "StopConfigurationRecorder",
                recorder.eventId()));
        cli(tooling, "12:25:20", "eu-west-1", "guardduty", "ListDetectors", "guardduty.list-detectors");
        String detector = ids.hex(32);
        CloudTrailEvent gd = cli(tooling, "12:25:41", "eu-west-1", "guardduty", "DeleteDetector",
                "guardduty.delete-detector").request(obj("detectorId", detector));
        gd.error("AccessDeniedException", "User: " + tooling.identity().arn()
                + " is not authorized to perform: guardduty:DeleteDetector on resource: arn:aws:guardduty:eu-west-1:"
                + SECURITY + ":detector/" + detector + " with an explicit deny in a service control policy");
    }

    private void consoleLogin(String backdoorUserId) {
        Actor browser = new Actor(Identity.iamUser(WORKLOADS, BACKDOOR_USER, backdoorUserId, null), ATTACKER_IP,
                Agents.BROWSER);
        CloudTrailEvent login = browser.call(ids, at("12:40:12"), "us-east-1", "signin", "ConsoleLogin")
                .request(null).response(obj("ConsoleLogin", "Success"))
                .additional(obj("LoginTo", "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true",
                        "MobileVersion", "No", "MFAUsed", "No"))
                .eventType("AwsConsoleSignIn").readOnly(false);
        events.add(login);
        backdoors.add(new Backdoor("console sign-in as " + BACKDOOR_USER + " with the new password", "ConsoleLogin",
                login.eventId()));
    }

    private void nextDay(String backdoorUserId, String backdoorKey, String createKeyEventId) {
        lineage.add(new Credential(backdoorKey, "long-term", "arn:aws:iam::" + WORKLOADS + ":user/" + BACKDOOR_USER,
                "CreateAccessKey (for another user)", STOLEN_KEY, List.of(createKeyEventId)));
        Actor backdoor = new Actor(Identity.iamUser(WORKLOADS, BACKDOOR_USER, backdoorUserId, backdoorKey),
                NEXT_DAY_IP, Agents.BOTO3);
        add(backdoor.call(ids, day2("02:14:09"), "us-east-1", "sts", "GetCallerIdentity"));
        String sessionKey = ids.sessionKey();
        CloudTrailEvent token = add(backdoor.call(ids, day2("02:14:30"), "us-east-1", "sts", "GetSessionToken")
                .request(obj("durationSeconds", 43200))
                .response(Calls.stsResponse(ids, sessionKey, day2("02:14:30").plusSeconds(43200), null)));
        lineage.add(new Credential(sessionKey, "session", "arn:aws:iam::" + WORKLOADS + ":user/" + BACKDOOR_USER,
                "GetSessionToken", backdoorKey, List.of(token.eventId())));

        Actor session = new Actor(Identity.iamUserSession(WORKLOADS, BACKDOOR_USER, backdoorUserId, sessionKey,
                day2("02:14:30"), false), NEXT_DAY_IP, Agents.BOTO3);
        add(session.call(ids, day2("02:15:02"), "us-east-1", "ec2", "DescribeRegions")
                .request(obj("regionSet", obj(), "allRegions", false)));
        int minute = 16;
        for (String region : List.of("us-east-1", "us-west-2", "eu-west-1")) {
            Instant t = day2(String.format("02:%02d:05", minute));
            String vpc = "vpc-0" + ids.hex(16);
            String sg = "sg-0" + ids.hex(16);
            CloudTrailEvent keyPair = add(session.call(ids, t, region, "ec2", "ImportKeyPair")
                    .request(obj("keyName", "ops-recovery", "publicKeyMaterial", "<sensitiveDataRemoved>"))
                    .response(obj("requestId", ids.uuid(), "keyName", "ops-recovery",
                            "keyFingerprint", fingerprint(), "keyPairId", "key-0" + ids.hex(16))));
            resourcesMade.add(new Touched("key pair ops-recovery imported in " + region, "ImportKeyPair", keyPair.eventId()));
            add(session.call(ids, t.plusSeconds(9), region, "ec2", "CreateSecurityGroup")
                    .request(obj("groupName", "ops-recovery", "groupDescription", "ops", "vpcId", vpc))
                    .response(obj("requestId", ids.uuid(), "_return", true, "groupId", sg)));
            add(session.call(ids, t.plusSeconds(16), region, "ec2", "AuthorizeSecurityGroupIngress")
                    .request(obj("groupId", sg, "ipPermissions", obj("items", List.of(obj("ipProtocol", "tcp",
                            "fromPort", 22, "toPort", 22, "ipRanges", obj("items", List.of(obj("cidrIp", "0.0.0.0/0"))))))))
                    .response(obj("requestId", ids.uuid(), "_return", true)));
            add(Calls.runInstances(session, ids, t.plusSeconds(31), region, sg, "p3.16xlarge", 8))
                    .response(null).error("Client.VcpuLimitExceeded", "You have requested more vCPU capacity than "
                            + "your current vCPU limit of 64 allows for the instance bucket that the specified instance "
                            + "type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an "
                            + "adjustment to this limit.");
            CloudTrailEvent run = add(Calls.runInstances(session, ids, t.plusSeconds(48), region, sg, "c5.24xlarge", 2));
            backdoors.add(new Backdoor("2 x c5.24xlarge launched in " + region + " (security group " + sg
                    + " open to 0.0.0.0/0 on port 22)", "RunInstances", run.eventId()));
            minute += 3;
        }
    }

    private String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(i == 0 ? "" : ":").append(ids.hex(2));
        }
        return sb.toString();
    }

    private CloudTrailEvent cli(Actor actor, String hhmmss, String region, String service, String name, String command) {
        return add(actor.withAgent(Agents.cli(CLI, command)).call(ids, at(hhmmss), region, service, name));
    }

    private CloudTrailEvent add(CloudTrailEvent e) {
        events.add(e);
        return e;
    }

    private static List<String> eventIds(List<CloudTrailEvent> copies) {
        return copies.stream().map(CloudTrailEvent::eventId).toList();
    }

    static Instant at(String hhmmss) {
        return Instant.parse("2026-05-21T" + hhmmss + "Z");
    }

    static Instant day2(String hhmmss) {
        return Instant.parse("2026-05-22T" + hhmmss + "Z");
    }

    /** Attack events are the ones whose caller is an attacker credential or the backdoor user. */
    static boolean isAttackerIp(Map<String, Object> record) {
        Object ip = record.get("sourceIPAddress");
        return ATTACKER_IP.equals(ip) || NEXT_DAY_IP.equals(ip);
    }
}

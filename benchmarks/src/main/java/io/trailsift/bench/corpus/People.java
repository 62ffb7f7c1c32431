package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Agents;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.trailsift.testkit.Json.obj;

/**
 * The people: administrators and developers signing in through IAM Identity Center. Each day they
 * work, they federate into an account (AssumeRoleWithSAML into an AWSReservedSSO_ role, the session
 * named after their e-mail address) and use the console or the CLI from home, or from the office
 * mid-week. Each keeps their laptop's system and CLI; a few things change as in real life: a
 * developer works from a hotel for three days, two upgrade their CLI halfway through the month.
 */
final class People {
    /** One person and their habits. {@code upgradeDay}/{@code travel*} of -1: never. */
    record Person(String email, boolean admin, boolean mac, String home, int startHour, String cli, String newCli,
                  int upgradeDay, String travelIp, int travelFrom, int travelTo) {
        String address(int d, boolean office) {
            if (d >= travelFrom && d <= travelTo) {
                return travelIp;
            }
            return office ? OFFICE : home;
        }

        String cliAgent(int d, String command) {
            String v = upgradeDay >= 0 && d >= upgradeDay ? newCli : cli;
            return mac ? Agents.cli(v, "macos#23.5.0", "arm64", "source", command)
                    : Agents.cli(v, "linux#6.8.0-35-generic", "x86_64", "exe", command);
        }
    }

    static final String OFFICE = "203.0.113.10";
    static final List<Person> STAFF = List.of(
            new Person("alice.nguyen@acme-corp.example", true, true, "73.189.40.12", 14, "2.15.57", null, -1, null, -1, -1),
            new Person("ben.okafor@acme-corp.example", true, false, "86.14.201.77", 7, "2.16.8", "2.17.4", 16, null, -1, -1),
            new Person("chen.li@acme-corp.example", true, true, "24.5.118.203", 15, "2.17.1", null, -1, null, -1, -1),
            new Person("dana.ruiz@acme-corp.example", false, true, "67.180.23.91", 14, "2.15.57", null, -1, null, -1, -1),
            new Person("eli.park@acme-corp.example", false, true, "98.207.66.14", 15, "2.16.8", null, -1,
                    "104.28.57.133", 12, 14),
            new Person("fatima.haddad@acme-corp.example", false, false, "90.219.4.160", 8, "2.16.8", null, -1, null, -1, -1),
            new Person("gus.berg@acme-corp.example", false, true, "81.229.87.45", 7, "2.13.25", "2.17.4", 15, null, -1, -1),
            new Person("hana.sato@acme-corp.example", false, true, "76.102.14.230", 16, "2.15.57", "2.17.1", 20, null, -1, -1));

    private static final List<String[]> CONSOLE_PAGES = DataCalls.apis("ec2:DescribeInstances",
            "ec2:DescribeSecurityGroups", "monitoring:DescribeAlarms", "monitoring:GetMetricData",
            "lambda:ListFunctions20150331", "lambda:GetFunction20150331v2", "ecs:ListClusters",
            "ecs:DescribeServices", "logs:DescribeLogGroups", "logs:FilterLogEvents", "iam:ListRoles", "iam:GetRole",
            "s3:ListBuckets", "dynamodb:DescribeTable", "cloudformation:DescribeStacks", "ce:GetCostAndUsage",
            "health:DescribeEventAggregates");
    private static final List<String[]> DEV_COMMANDS = List.of(
            new String[] {"lambda", "ListFunctions20150331", "lambda.list-functions"},
            new String[] {"logs", "FilterLogEvents", "logs.filter-log-events"},
            new String[] {"s3", "ListBuckets", "s3.ls"}, new String[] {"dynamodb", "DescribeTable", "dynamodb.describe-table"},
            new String[] {"ecs", "DescribeServices", "ecs.describe-services"},
            new String[] {"ec2", "DescribeInstances", "ec2.describe-instances"},
            new String[] {"cloudformation", "DescribeStacks", "cloudformation.describe-stacks"},
            new String[] {"sqs", "GetQueueAttributes", "sqs.get-queue-attributes"});
    private static final List<String[]> ADMIN_COMMANDS = List.of(
            new String[] {"iam", "ListRoles", "iam.list-roles"}, new String[] {"iam", "GetRole", "iam.get-role"},
            new String[] {"ecs", "UpdateService", "ecs.update-service"},
            new String[] {"ec2", "DescribeSecurityGroups", "ec2.describe-security-groups"},
            new String[] {"s3", "GetBucketPolicy", "s3api.get-bucket-policy"},
            new String[] {"ssm", "GetParameter", "ssm.get-parameter"});

    private final Org org;
    private final Map<String, String> providers = new java.util.HashMap<>();

    People(Org org) {
        this.org = org;
        for (String account : Org.ACCOUNTS) {
            providers.put(account, "arn:aws:iam::" + account + ":saml-provider/AWSSSO_"
                    + Seeds.ids(org.seed, "sso", account).hex(16) + "_DO_NOT_DELETE");
        }
    }

    /** IAM Identity Center's role for a permission set in an account, under its reserved path. */
    Identity.Role ssoRole(String account, String permissionSet) {
        Ids ids = Seeds.ids(org.seed, "sso-role", account, permissionSet);
        return new Identity.Role(account, "/aws-reserved/sso.amazonaws.com/",
                "AWSReservedSSO_" + permissionSet + "_" + ids.hex(16), ids.roleId());
    }

    void day(int d, Consumer<CloudTrailEvent> out) {
        boolean weekend = OrgCalendar.weekend(d);
        DayOfWeek dow = OrgCalendar.day(d).atZone(ZoneOffset.UTC).getDayOfWeek();
        boolean officeDay = dow == DayOfWeek.TUESDAY || dow == DayOfWeek.WEDNESDAY || dow == DayOfWeek.THURSDAY;
        for (Person p : STAFF) {
            Ids ids = Seeds.ids(org.seed, "person", p.email(), d);
            if (!ids.chance(weekend ? (p.admin() ? 0.15 : 0.03) : 0.9)) {
                continue;
            }
            String ip = p.address(d, officeDay && ids.chance(0.8));
            int sessions = ids.chance(0.4) ? 2 : 1;
            Instant t = OrgCalendar.day(d).plusSeconds(p.startHour() * 3600L + ids.between(0, 7200));
            for (int s = 0; s < sessions; s++) {
                session(p, d, ip, ids, t, out);
                t = t.plusSeconds(ids.between(3, 5) * 3600L);
            }
        }
    }

    private void session(Person p, int d, String ip, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        String account;
        String set;
        if (p.admin()) {
            double r = ids.random().nextDouble();
            account = r < 0.5 ? Org.PROD : r < 0.75 ? Org.SECURITY : Org.DEV;
            set = "AdministratorAccess";
        } else {
            account = ids.chance(0.75) ? Org.DEV : Org.PROD;
            set = account.equals(Org.DEV) ? "DeveloperAccess" : "ReadOnlyAccess";
        }
        boolean console = ids.chance(0.55);
        String agent = console ? OrgAgents.browser(p.mac()) : p.cliAgent(d, "sso.login");
        Identity.Role role = ssoRole(account, set);
        String key = ids.sessionKey();
        if (!console) {
            // the CLI fetches the role's credentials from the Identity Center portal, in the management account
            Identity user = new Identity(obj("type", "Unknown", "principalId", Seeds.ids(org.seed, p.email()).uuid(),
                    "accountId", Org.SECURITY, "userName", p.email()), Org.SECURITY, null, null);
            out.accept(new Actor(user, ip, agent).call(ids, t, "us-east-1", "sso", "GetRoleCredentials")
                    .request(obj("roleName", set, "accountId", account)).recipient(Org.SECURITY));
        }
        out.accept(federate(p, account, role, key, ip, agent, ids, t.plusSeconds(1)));
        Identity session = Identity.assumedRole(role, p.email(), key, t.plusSeconds(1), false);
        String region = account.equals(Org.PROD) && ids.chance(0.3) ? "eu-west-1" : "us-east-1";
        if (console) {
            console(p, session, ip, region, ids, t.plusSeconds(3), out);
        } else {
            cli(p, d, session, ip, region, ids, t.plusSeconds(5), out);
        }
    }

    private CloudTrailEvent federate(Person p, String account, Identity.Role role, String key, String ip, String agent,
                                     Ids ids, Instant t) {
        String provider = providers.get(account);
        Identity saml = Identity.samlUser(provider, account, p.email(), Seeds.ids(org.seed, "issuer").base64(27) + "=");
        java.util.Map<String, Object> response = Calls.stsResponse(ids, key, t.plusSeconds(43_200), obj(
                "assumedRoleId", role.id() + ":" + p.email(),
                "arn", "arn:aws:sts::" + account + ":assumed-role/" + role.name() + "/" + p.email()));
        response.put("subject", p.email());
        response.put("subjectType", "persistent");
        response.put("issuer", "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/" + Seeds.ids(org.seed, "idc").base64(40));
        response.put("audience", "https://signin.aws.amazon.com/saml");
        response.put("nameQualifier", Seeds.ids(org.seed, "nq", account).base64(27) + "=");
        return new Actor(saml, ip, agent).call(ids, t, "us-east-1", "sts", "AssumeRoleWithSAML")
                .request(obj("sAMLAssertion", Seeds.ids(org.seed, "assertion").base64(120), "roleArn", role.arn(),
                        "principalArn", provider, "durationSeconds", 43_200))
                .response(response).recipient(account)
                .resources(List.of(obj("accountId", account, "type", "AWS::IAM::Role", "ARN", role.arn()),
                        obj("accountId", account, "type", "AWS::IAM::SAMLProvider", "ARN", provider)));
    }

    /** The console: a sign-in, then the pages they open, each a handful of calls. */
    private void console(Person p, Identity session, String ip, String region, Ids ids, Instant t,
                         Consumer<CloudTrailEvent> out) {
        out.accept(new Actor(session, ip, OrgAgents.browser(p.mac())).call(ids, t, "us-east-1", "signin", "ConsoleLogin")
                .request(null).response(obj("ConsoleLogin", "Success"))
                .additional(obj("LoginTo", "https://console.aws.amazon.com/console/home?region=" + region,
                        "MobileVersion", "No", "MFAUsed", "No"))
                .eventType("AwsConsoleSignIn").readOnly(false));
        Actor browser = new Actor(session, ip, OrgAgents.CONSOLE);
        int pages = ids.between(4, 15);
        for (int i = 0; i < pages; i++) {
            t = t.plusSeconds(ids.between(20, 400));
            String[] page = ids.pick(CONSOLE_PAGES);
            int calls = ids.between(1, 5);
            for (int c = 0; c < calls; c++) {
                String where = page[0].equals("iam") || page[0].equals("ce") || page[0].equals("health") ? "us-east-1" : region;
                out.accept(browser.call(ids, t.plusSeconds(c), where, page[0], page[1]).request(obj()).consoleSession());
            }
        }
        if (p.admin() && ids.chance(0.12)) {
            out.accept(browser.call(ids, t.plusSeconds(30), region, "ec2", "AuthorizeSecurityGroupIngress")
                    .request(obj("groupId", "sg-0" + Seeds.ids(org.seed, "bastion-sg").hex(16), "ipPermissions",
                            obj("items", List.of(obj("ipProtocol", "tcp", "fromPort", 443, "toPort", 443,
                                    "ipRanges", obj("items", List.of(obj("cidrIp", OFFICE + "/32"))))))))
                    .response(obj("requestId", ids.uuid(), "_return", true)).consoleSession());
        }
    }

    /**
     * The CLI: who am I, then a few commands over the next hour or so. Developers reading production
     * are denied what ReadOnlyAccess does not allow; once in a while a developer reads a secret of
     * the development account while debugging.
     */
    private void cli(Person p, int d, Identity session, String ip, String region, Ids ids, Instant t,
                     Consumer<CloudTrailEvent> out) {
        out.accept(new Actor(session, ip, p.cliAgent(d, "sts.get-caller-identity")).call(ids, t, "us-east-1", "sts",
                "GetCallerIdentity"));
        int commands = ids.between(1, 6);
        for (int i = 0; i < commands; i++) {
            t = t.plusSeconds(ids.between(10, 900));
            String[] c = p.admin() && ids.chance(0.4) ? ids.pick(ADMIN_COMMANDS) : ids.pick(DEV_COMMANDS);
            String where = c[0].equals("iam") || c[0].equals("s3") ? "us-east-1" : region;
            CloudTrailEvent e = new Actor(session, ip, p.cliAgent(d, c[2])).call(ids, t, where, c[0], c[1]).request(obj());
            if (c[1].equals("UpdateService")) {
                e.request(obj("cluster", "prod", "service", "orders-api", "desiredCount", ids.between(6, 10)));
            }
            out.accept(e);
        }
        if (session.accountId().equals(Org.DEV) && ids.chance(0.05)) {
            out.accept(new Actor(session, ip, p.cliAgent(d, "secretsmanager.get-secret-value"))
                    .call(ids, t.plusSeconds(40), "us-east-1", "secretsmanager", "GetSecretValue")
                    .request(obj("secretId", "dev/orders-api/db")));
        }
        if (session.accountId().equals(Org.PROD) && !p.admin() && ids.chance(0.15)) {
            CloudTrailEvent denied = new Actor(session, ip, p.cliAgent(d, "ssm.get-parameter"))
                    .call(ids, t.plusSeconds(60), region, "ssm", "GetParameter")
                    .request(obj("name", "/prod/orders-api/db-url", "withDecryption", true));
            out.accept(Calls.denied(denied, "AccessDenied", "ssm:GetParameter", "arn:aws:ssm:" + region + ":" + Org.PROD
                    + ":parameter/prod/orders-api/db-url"));
        }
    }
}

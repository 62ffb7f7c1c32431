package io.trailsift.bench.corpus;

import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.trailsift.testkit.Json.obj;

/**
 * The posture scanner (Prowler in an ECS task of the security account): every few hours it assumes
 * the SecurityAudit role in each account of the organisation and lists everything there is,
 * including a full IAM dump (GetAccountAuthorizationDetails), from the security account's NAT
 * gateway with the same agent every time. It is the biggest benign burst of reconnaissance-looking
 * calls in the trail.
 */
final class SecurityScanner {
    static final Map<String, List<String>> USERS = Map.of(
            Org.SECURITY, List.of("breakglass-admin", "billing-reader"),
            Org.PROD, List.of("integration-etl", "breakglass-admin", "svc-legacy-sftp"),
            Org.DEV, List.of("breakglass-admin", "old-jenkins"));
    static final Map<String, List<String>> BUCKETS = Map.of(
            Org.SECURITY, List.of("acme-org-cloudtrail-logs", "acme-security-findings", "acme-terraform-state"),
            Org.PROD, List.of("acme-prod-invoices", "acme-prod-catalog", "acme-prod-datalake", "acme-prod-reports",
                    "acme-prod-customer-exports", "acme-prod-partner-exchange", "acme-prod-web"),
            Org.DEV, List.of("acme-dev-invoices", "acme-dev-build-cache", "acme-dev-ml", "acme-dev-web"));

    private final Org org;

    SecurityScanner(Org org) {
        this.org = org;
    }

    void day(int d, Consumer<CloudTrailEvent> out) {
        int runs = org.scale.count(6, 1);
        for (int r = 0; r < runs; r++) {
            Instant t = OrgCalendar.day(d).plusSeconds(20 * 60 + r * (86_400L / runs) + Seeds.below(300, org.seed, "scan", d, r));
            Workload.Session task = org.scanner.sessionAt(0, t);
            if (task == null) {
                continue;
            }
            Ids ids = Seeds.ids(org.seed, "scan", d, r);
            for (String account : Org.ACCOUNTS) {
                t = audit(task, account, ids, t, out).plusSeconds(ids.between(20, 90));
            }
        }
    }

    private Instant audit(Caller task, String account, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        String name = "prowler-" + t.getEpochSecond();
        Caller a = Sts.assume(task, ids, t, org.role(account, "SecurityAudit"), name, 3600, OrgAgents.SCANNER, "us-east-1")
                .emit(out);
        Clock c = new Clock(t, ids);
        out.accept(a.call(ids, c.next(), "sts", "GetCallerIdentity"));
        for (String n : List.of("GetAccountSummary", "GetAccountPasswordPolicy", "GetAccountAuthorizationDetails",
                "ListUsers", "ListRoles", "ListGroups", "ListPolicies", "GenerateCredentialReport", "GetCredentialReport",
                "ListSAMLProviders", "ListOpenIDConnectProviders", "ListServerCertificates")) {
            out.accept(a.call(ids, c.next(), "iam", n).request(n.equals("ListPolicies") ? obj("scope", "Local") : null));
        }
        for (String user : USERS.get(account)) {
            out.accept(a.call(ids, c.next(), "iam", "ListAccessKeys").request(obj("userName", user)));
            out.accept(a.call(ids, c.now(), "iam", "ListMFADevices").request(obj("userName", user)));
            out.accept(a.call(ids, c.now(), "iam", "ListAttachedUserPolicies").request(obj("userName", user)));
        }
        out.accept(a.call(ids, c.next(), "s3", "ListBuckets").request(obj("Host", "s3.amazonaws.com")));
        for (String bucket : BUCKETS.get(account)) {
            for (String n : List.of("GetBucketPolicy", "GetBucketAcl", "GetBucketPublicAccessBlock", "GetBucketEncryption",
                    "GetBucketVersioning", "GetBucketLogging")) {
                CloudTrailEvent e = a.call(ids, c.next(), "s3", n)
                        .request(obj("bucketName", bucket, "Host", bucket + ".s3.amazonaws.com", n.substring(9).toLowerCase(), ""));
                if (n.equals("GetBucketPolicy") && bucket.hashCode() % 3 == 0) {
                    e.error("NoSuchBucketPolicy", "The bucket policy does not exist");
                }
                out.accept(e);
            }
        }
        for (String region : Org.REGIONS) {
            Caller here = Sts.moved(a, OrgAgents.SCANNER, region);
            for (String[] call : REGIONAL) {
                out.accept(here.call(ids, c.next(), call[0], call[1]).request(obj()));
            }
        }
        return c.now();
    }

    private static final List<String[]> REGIONAL = DataCalls.apis("ec2:DescribeInstances",
            "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeFlowLogs", "ec2:DescribeSnapshots",
            "ec2:DescribeVolumes", "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus",
            "cloudtrail:GetEventSelectors", "guardduty:ListDetectors", "config:DescribeConfigurationRecorders",
            "kms:ListKeys", "lambda:ListFunctions20150331", "secretsmanager:ListSecrets", "ssm:DescribeParameters",
            "access-analyzer:ListAnalyzers");

    /** The pace of a scripted run: each call a second or two after the previous one. */
    static final class Clock {
        private Instant t;
        private final Ids ids;

        Clock(Instant start, Ids ids) {
            this.t = start;
            this.ids = ids;
        }

        Instant next() {
            t = t.plusSeconds(ids.between(0, 2));
            return t;
        }

        Instant now() {
            return t;
        }
    }
}

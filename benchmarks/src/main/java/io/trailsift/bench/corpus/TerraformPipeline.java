package io.trailsift.bench.corpus;

import io.trailsift.testkit.Agents;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Ids;
import io.trailsift.testkit.Times;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static io.trailsift.testkit.Json.obj;

/**
 * Terraform, run by the self-hosted runners of the security account: each run assumes the
 * terraform-deployer role of an account (from the runners' NAT address, with the Terraform AWS
 * provider's agent), checks its identity and refreshes the state, dozens of Get/List/Describe calls
 * on the account's roles, policies, functions, buckets and network. A few runs a month apply
 * changes, the ones an organisation makes in the normal course: a new role and the function that
 * uses it, a service user and its key, a new policy version, a user retired.
 */
final class TerraformPipeline {
    private static final String TF = "1.8.5";
    private static final String PROVIDER = "5.54.1";
    private final Org org;

    TerraformPipeline(Org org) {
        this.org = org;
    }

    void day(int d, Consumer<CloudTrailEvent> out) {
        int runs = OrgCalendar.weekend(d) ? 0 : org.scale.count(3, 1);
        for (String account : Org.ACCOUNTS) {
            for (int r = 0; r < runs; r++) {
                Ids ids = Seeds.ids(org.seed, "terraform", account, d, r);
                Instant t = OrgCalendar.day(d).plusSeconds(ids.between(8 * 3600, 19 * 3600));
                run(account, d, r, ids, t, out);
            }
        }
    }

    private static String agent(String service) {
        return Agents.terraform(TF, PROVIDER, service);
    }

    private void run(String account, int d, int r, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        Workload.Session runner = org.terraformRunner.sessionAt(r % org.terraformRunner.instances(), t);
        if (runner == null) {
            return;
        }
        Caller tf = Sts.assume(new Caller.Fixed(runner.actor("sts").withAgent(agent("sts")), "us-east-1"), ids, t,
                org.role(account, "terraform-deployer"), "terraform-" + t.getEpochSecond(), 3600, agent("sts"), "us-east-1")
                .emit(out);
        SecurityScanner.Clock c = new SecurityScanner.Clock(t.plusSeconds(2), ids);
        out.accept(tf.call(ids, c.next(), "sts", "GetCallerIdentity"));
        refresh(tf, account, ids, c, out);
        if (r == 0) {
            apply(tf, account, d, ids, c, out);
        }
    }

    /** terraform plan: read back every resource of the state. */
    private void refresh(Caller tf, String account, Ids ids, SecurityScanner.Clock c, Consumer<CloudTrailEvent> out) {
        Caller iam = Sts.moved(tf, agent("iam"), "us-east-1");
        for (String role : List.of("github-actions-deploy", "SecurityAudit", "terraform-deployer", "data-export-role",
                "cross-account-admin")) {
            for (String n : List.of("GetRole", "ListRolePolicies", "ListAttachedRolePolicies")) {
                CloudTrailEvent e = iam.call(ids, c.next(), "iam", n).request(obj("roleName", role));
                if (n.equals("GetRole") && ((role.equals("data-export-role") && !account.equals(Org.PROD))
                        || (role.equals("cross-account-admin") && !account.equals(Org.DEV)))) {
                    e.error("NoSuchEntity", "The role with name " + role + " cannot be found.");
                }
                out.accept(e);
            }
        }
        for (String policy : List.of("orders-api-access", "invoice-pdf-access", "ci-deploy")) {
            String arn = "arn:aws:iam::" + account + ":policy/" + policy;
            out.accept(iam.call(ids, c.next(), "iam", "GetPolicy").request(obj("policyArn", arn)));
            out.accept(iam.call(ids, c.now(), "iam", "GetPolicyVersion").request(obj("policyArn", arn, "versionId", "v3")));
        }
        for (String[] call : DataCalls.apis("ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
                "ec2:DescribeRouteTables", "lambda:GetFunction20150331v2", "lambda:ListVersionsByFunction20150331",
                "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "dynamodb:DescribeTable",
                "sqs:GetQueueAttributes", "ecs:DescribeServices")) {
            out.accept(Sts.moved(tf, agent(call[0]), "us-east-1").call(ids, c.next(), call[0], call[1]).request(obj()));
        }
        Caller s3 = Sts.moved(tf, agent("s3"), "us-east-1");
        for (String bucket : SecurityScanner.BUCKETS.get(account)) {
            for (String n : List.of("GetBucketPolicy", "GetBucketVersioning", "GetBucketTagging")) {
                out.accept(s3.call(ids, c.next(), "s3", n).request(obj("bucketName", bucket, "Host",
                        bucket + ".s3.amazonaws.com", n.substring(9).toLowerCase(), "")));
            }
        }
    }

    /** terraform apply of the change merged that day, if any. */
    private void apply(Caller tf, String account, int d, Ids ids, SecurityScanner.Clock c, Consumer<CloudTrailEvent> out) {
        Caller iam = Sts.moved(tf, agent("iam"), "us-east-1");
        if (account.equals(Org.PROD) && d == Org.REPORT_BUILDER_DAY) {
            String role = "report-builder-role";
            String policy = "arn:aws:iam::" + Org.PROD + ":policy/report-builder-access";
            out.accept(iam.call(ids, c.next(), "iam", "CreateRole").request(obj("roleName", role, "assumeRolePolicyDocument",
                    Sts.trust("lambda.amazonaws.com")))
                    .response(obj("role", obj("roleName", role, "roleId", org.role(Org.PROD, role).id(),
                            "arn", org.role(Org.PROD, role).arn(), "createDate", Times.response(c.now())))));
            out.accept(iam.call(ids, c.next(), "iam", "CreatePolicy").request(obj("policyName", "report-builder-access",
                    "policyDocument", Calls.policy("Allow", List.of("dynamodb:Query", "s3:PutObject"),
                            List.of("arn:aws:dynamodb:us-east-1:" + Org.PROD + ":table/orders", "arn:aws:s3:::acme-prod-reports/*")))));
            out.accept(iam.call(ids, c.next(), "iam", "AttachRolePolicy").request(obj("roleName", role, "policyArn", policy)));
            out.accept(Sts.moved(tf, agent("lambda"), "us-east-1").call(ids, c.next(), "lambda", "CreateFunction20150331")
                    .request(obj("functionName", "report-builder", "runtime", "python3.12", "handler", "app.handler",
                            "role", org.role(Org.PROD, role).arn(), "timeout", 300, "memorySize", 1024)));
        } else if (account.equals(Org.PROD) && d == 5) {
            String user = "svc-legacy-sftp";
            out.accept(iam.call(ids, c.next(), "iam", "CreateUser").request(obj("userName", user, "path", "/service/")));
            out.accept(iam.call(ids, c.next(), "iam", "AttachUserPolicy").request(obj("userName", user,
                    "policyArn", "arn:aws:iam::" + Org.PROD + ":policy/sftp-transfer-access")));
            out.accept(iam.call(ids, c.next(), "iam", "CreateAccessKey").request(obj("userName", user))
                    .response(obj("accessKey", obj("userName", user, "accessKeyId", ids.longTermKey(), "status", "Active",
                            "createDate", Times.response(c.now())))));
        } else if (account.equals(Org.PROD) && d == 12) {
            String arn = "arn:aws:iam::" + Org.PROD + ":policy/orders-api-access";
            out.accept(iam.call(ids, c.next(), "iam", "CreatePolicyVersion").request(obj("policyArn", arn,
                    "policyDocument", Calls.policy("Allow", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                            "sqs:SendMessage"), List.of("arn:aws:dynamodb:*:" + Org.PROD + ":table/orders*")), "setAsDefault", true)));
            out.accept(iam.call(ids, c.next(), "iam", "DeletePolicyVersion").request(obj("policyArn", arn, "versionId", "v1")));
        } else if (account.equals(Org.DEV) && d == 17) {
            String user = "old-jenkins";
            out.accept(iam.call(ids, c.next(), "iam", "DeleteAccessKey").request(obj("userName", user,
                    "accessKeyId", Seeds.ids(org.seed, user).longTermKey())));
            out.accept(iam.call(ids, c.next(), "iam", "DetachUserPolicy").request(obj("userName", user,
                    "policyArn", "arn:aws:iam::aws:policy/PowerUserAccess")));
            out.accept(iam.call(ids, c.next(), "iam", "DeleteUser").request(obj("userName", user)));
        } else if (account.equals(Org.SECURITY) && d == 21) {
            out.accept(iam.call(ids, c.next(), "iam", "UpdateAssumeRolePolicy").request(obj("roleName", "SecurityAudit",
                    "policyDocument", Sts.trust("arn:aws:iam::" + Org.SECURITY + ":role/security-scanner-task"))));
        }
    }
}

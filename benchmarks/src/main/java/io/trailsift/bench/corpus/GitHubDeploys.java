package io.trailsift.bench.corpus;

import io.trailsift.testkit.Actor;
import io.trailsift.testkit.Agents;
import io.trailsift.testkit.Calls;
import io.trailsift.testkit.CloudTrailEvent;
import io.trailsift.testkit.Identity;
import io.trailsift.testkit.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.trailsift.testkit.Json.obj;

/**
 * GitHub Actions deploying through OIDC: each job exchanges its token for a session of the
 * account's github-actions-deploy role (AssumeRoleWithWebIdentity, from one of the hosted runners'
 * addresses), checks it with GetCallerIdentity and deploys one repository: a container to ECS, code
 * to a Lambda function, a static site to S3. Development gets a dozen deploys a working day,
 * production a few. In development, preview stacks come and go through CloudFormation, which
 * creates and deletes their roles, functions and now and then an SMTP user with its access key.
 */
final class GitHubDeploys {
    private static final String CLI = "2.17.0";
    private final Org org;
    private final List<String> runners = new ArrayList<>();

    GitHubDeploys(Org org) {
        this.org = org;
        Ids ids = Seeds.ids(org.seed, "runners");
        List<String> blocks = List.of("20.57.", "20.80.", "40.84.", "52.234.", "172.183.", "4.227.");
        for (int i = 0; i < 40; i++) {
            runners.add(ids.pick(blocks) + ids.between(1, 254) + "." + ids.between(1, 254));
        }
    }

    static String provider(String account) {
        return "arn:aws:iam::" + account + ":oidc-provider/token.actions.githubusercontent.com";
    }

    void day(int d, Consumer<CloudTrailEvent> out) {
        boolean weekend = OrgCalendar.weekend(d);
        int dev = weekend ? org.scale.count(2, 0) : org.scale.count(12, 1);
        int prod = weekend ? 0 : org.scale.count(4, 1);
        for (int i = 0; i < dev + prod; i++) {
            Ids ids = Seeds.ids(org.seed, "deploy", d, i);
            Instant t = OrgCalendar.day(d).plusSeconds(ids.between(7 * 3600, 20 * 3600));
            deploy(i < dev ? Org.DEV : Org.PROD, d * 100 + i, ids, t, out);
        }
        int previews = weekend ? 0 : org.scale.count(3, 1);
        for (int i = 0; i < previews; i++) {
            Ids ids = Seeds.ids(org.seed, "preview", d, i);
            Instant t = OrgCalendar.day(d).plusSeconds(ids.between(8 * 3600, 18 * 3600));
            preview(d * 100 + i, ids, t, out);
        }
    }

    /** The job's session: the token exchange, then the credentials check configure-aws-credentials makes. */
    private Caller session(String account, String repo, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        String ip = ids.pick(runners);
        String subject = "repo:acme/" + repo + (account.equals(Org.PROD) ? ":environment:production" : ":ref:refs/heads/main");
        Identity.Role role = org.role(account, "github-actions-deploy");
        String key = ids.sessionKey();
        String session = "GitHubActions";
        Map<String, Object> response = Calls.stsResponse(ids, key, t.plusSeconds(3600), obj(
                "assumedRoleId", role.id() + ":" + session,
                "arn", "arn:aws:sts::" + account + ":assumed-role/" + role.name() + "/" + session));
        response.put("subjectFromWebIdentityToken", subject);
        response.put("audience", "sts.amazonaws.com");
        response.put("provider", provider(account));
        out.accept(new Actor(Identity.webIdentityUser(provider(account), subject), ip, OrgAgents.GITHUB_ACTION)
                .call(ids, t, "us-east-1", "sts", "AssumeRoleWithWebIdentity")
                .request(obj("roleArn", role.arn(), "roleSessionName", session, "durationSeconds", 3600))
                .response(response).recipient(account)
                .resources(List.of(obj("accountId", account, "type", "AWS::IAM::Role", "ARN", role.arn()))));
        Actor ci = new Actor(Identity.webIdentityRole(role, session, key, t, provider(account)), ip, OrgAgents.GITHUB_ACTION);
        out.accept(ci.call(ids, t.plusSeconds(1), "us-east-1", "sts", "GetCallerIdentity"));
        return new Caller.Fixed(ci, "us-east-1");
    }

    private void deploy(String account, int build, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        String repo = ids.pick(List.of("orders-api", "invoice-pdf", "order-events", "web-frontend"));
        Caller ci = session(account, repo, ids, t, out);
        Instant u = t.plusSeconds(ids.between(30, 240));
        switch (repo) {
            case "orders-api" -> {
                ecs(ci, account, "us-east-1", "orders-api", build, ids, u, out);
                if (account.equals(Org.PROD)) {
                    ecs(ci, account, "eu-west-1", "orders-api-eu", build, ids, u.plusSeconds(200), out);
                }
            }
            case "web-frontend" -> site(ci, account, build, ids, u, out);
            default -> {
                lambda(ci, "us-east-1", repo, build, ids, u, out);
                if (account.equals(Org.PROD) && repo.equals("invoice-pdf")) {
                    lambda(ci, "eu-west-1", "invoice-pdf-eu", build, ids, u.plusSeconds(60), out);
                }
            }
        }
    }

    private static Caller cli(Caller ci, String region, String command) {
        return Sts.moved(ci, Agents.cli(CLI, command), region);
    }

    private void ecs(Caller ci, String account, String region, String service, int build, Ids ids, Instant t,
                     Consumer<CloudTrailEvent> out) {
        Caller push = cli(ci, region, "ecr.get-login-password");
        out.accept(push.call(ids, t, "ecr", "GetAuthorizationToken").request(obj()));
        for (String step : List.of("InitiateLayerUpload", "CompleteLayerUpload", "PutImage")) {
            t = t.plusSeconds(ids.between(3, 30));
            out.accept(push.call(ids, t, "ecr", step).request(obj("repositoryName", service, "registryId", account,
                    step.equals("PutImage") ? "imageTag" : "uploadId", step.equals("PutImage") ? "build-" + build : ids.uuid())));
        }
        Caller ecs = cli(ci, region, "ecs.register-task-definition");
        t = t.plusSeconds(ids.between(5, 20));
        out.accept(ecs.call(ids, t, "ecs", "RegisterTaskDefinition").request(obj("family", service,
                "taskRoleArn", org.role(account, service + "-task").arn(),
                "executionRoleArn", org.role(account, service + "-execution").arn(), "networkMode", "awsvpc",
                "requiresCompatibilities", List.of("FARGATE"), "cpu", "1024", "memory", "2048")));
        out.accept(cli(ci, region, "ecs.update-service").call(ids, t.plusSeconds(2), "ecs", "UpdateService")
                .request(obj("cluster", account.equals(Org.PROD) ? "prod" : "dev", "service", service,
                        "taskDefinition", service + ":" + (200 + build % 9000), "forceNewDeployment", true)));
        Caller wait = cli(ci, region, "ecs.wait.services-stable");
        int polls = ids.between(3, 8);
        for (int i = 0; i < polls; i++) {
            out.accept(wait.call(ids, t.plusSeconds(17 + 15L * i), "ecs", "DescribeServices")
                    .request(obj("cluster", account.equals(Org.PROD) ? "prod" : "dev", "services", List.of(service))));
        }
    }

    private void lambda(Caller ci, String region, String function, int build, Ids ids, Instant t,
                        Consumer<CloudTrailEvent> out) {
        out.accept(cli(ci, region, "lambda.update-function-code").call(ids, t, "lambda", "UpdateFunctionCode20150331v2")
                .request(obj("functionName", function, "s3Bucket", "acme-artifacts-" + ci.account(),
                        "s3Key", function + "/build-" + build + ".zip", "publish", false, "dryRun", false)));
        Caller wait = cli(ci, region, "lambda.wait.function-updated-v2");
        int polls = ids.between(1, 3);
        for (int i = 0; i < polls; i++) {
            out.accept(wait.call(ids, t.plusSeconds(5 + 5L * i), "lambda", "GetFunctionConfiguration20150331v2")
                    .request(obj("functionName", function)));
        }
        out.accept(cli(ci, region, "lambda.publish-version").call(ids, t.plusSeconds(25), "lambda", "PublishVersion20150331")
                .request(obj("functionName", function, "description", "build-" + build)));
        out.accept(cli(ci, region, "lambda.update-alias").call(ids, t.plusSeconds(27), "lambda", "UpdateAlias20150331")
                .request(obj("functionName", function, "name", "live", "functionVersion", String.valueOf(build % 997))));
    }

    private void site(Caller ci, String account, int build, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        String bucket = account.equals(Org.PROD) ? "acme-prod-web" : "acme-dev-web";
        Caller sync = cli(ci, "us-east-1", "s3.sync");
        out.accept(sync.call(ids, t, "s3", "ListObjects").request(obj("list-type", "2", "bucketName", bucket,
                "Host", bucket + ".s3.us-east-1.amazonaws.com", "prefix", "")).dataEvent());
        int files = ids.between(4, 14);
        for (int i = 0; i < files; i++) {
            out.accept(sync.s3Object(ids, t.plusSeconds(2 + i), "PutObject", bucket,
                    "assets/" + ids.alnum(8) + (i % 2 == 0 ? ".js" : ".css"), ids.between(2_000, 600_000)));
        }
        out.accept(cli(ci, "us-east-1", "cloudfront.create-invalidation").call(ids, t.plusSeconds(files + 5L),
                "cloudfront", "CreateInvalidation").request(obj("distributionId", "E" + Seeds.ids(org.seed, bucket)
                .alnum(13).toUpperCase(), "invalidationBatch", obj("callerReference", "build-" + build,
                "paths", obj("quantity", 1, "items", List.of("/*"))))));
    }

    /**
     * A preview stack in development: the job creates a change set and executes it, CloudFormation
     * creates the stack's role and function (and, one stack in four, an SMTP user and its key) with
     * the job's credentials, and deletes them all a few hours later.
     */
    private void preview(int n, Ids ids, Instant t, Consumer<CloudTrailEvent> out) {
        Caller ci = session(Org.DEV, "order-events", ids, t, out);
        String stack = "preview-" + n;
        Caller sam = cli(ci, "us-east-1", "cloudformation.deploy");
        out.accept(sam.call(ids, t.plusSeconds(20), "cloudformation", "CreateChangeSet")
                .request(obj("stackName", stack, "changeSetName", "samcli-deploy" + n, "changeSetType", "CREATE",
                        "capabilities", List.of("CAPABILITY_IAM"))));
        out.accept(sam.call(ids, t.plusSeconds(31), "cloudformation", "ExecuteChangeSet")
                .request(obj("stackName", stack, "changeSetName", "samcli-deploy" + n)));
        Actor cfn = new Actor(ci.identity().via("cloudformation.amazonaws.com"), "cloudformation.amazonaws.com",
                "cloudformation.amazonaws.com");
        String role = stack + "-fn-role";
        String roleArn = "arn:aws:iam::" + Org.DEV + ":role/" + role;
        boolean smtp = n % 4 == 1;
        Instant c = t.plusSeconds(35);
        out.accept(cfn.call(ids, c, "us-east-1", "iam", "CreateRole").request(obj("roleName", role,
                "assumeRolePolicyDocument", Sts.trust("lambda.amazonaws.com"))));
        out.accept(cfn.call(ids, c.plusSeconds(2), "us-east-1", "iam", "AttachRolePolicy").request(obj("roleName", role,
                "policyArn", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")));
        out.accept(cfn.call(ids, c.plusSeconds(14), "us-east-1", "lambda", "CreateFunction20150331")
                .request(obj("functionName", stack + "-fn", "runtime", "nodejs20.x", "role", roleArn, "handler", "index.handler")));
        if (smtp) {
            out.accept(cfn.call(ids, c.plusSeconds(16), "us-east-1", "iam", "CreateUser").request(obj("userName", stack + "-smtp")));
            out.accept(cfn.call(ids, c.plusSeconds(18), "us-east-1", "iam", "CreateAccessKey").request(obj("userName", stack + "-smtp"))
                    .response(obj("accessKey", obj("userName", stack + "-smtp", "accessKeyId", ids.longTermKey(), "status", "Active"))));
        }
        // the branch is merged or closed a few hours later: the stack goes
        Instant gone = t.plusSeconds(ids.between(2, 6) * 3600L);
        Caller later = session(Org.DEV, "order-events", ids, gone, out);
        out.accept(cli(later, "us-east-1", "cloudformation.delete-stack").call(ids, gone.plusSeconds(5), "cloudformation",
                "DeleteStack").request(obj("stackName", stack)));
        Actor cfnLater = new Actor(later.identity().via("cloudformation.amazonaws.com"), "cloudformation.amazonaws.com",
                "cloudformation.amazonaws.com");
        out.accept(cfnLater.call(ids, gone.plusSeconds(8), "us-east-1", "lambda", "DeleteFunction20150331")
                .request(obj("functionName", stack + "-fn")));
        out.accept(cfnLater.call(ids, gone.plusSeconds(10), "us-east-1", "iam", "DetachRolePolicy").request(obj("roleName", role,
                "policyArn", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")));
        out.accept(cfnLater.call(ids, gone.plusSeconds(12), "us-east-1", "iam", "DeleteRole").request(obj("roleName", role)));
        if (smtp) {
            out.accept(cfnLater.call(ids, gone.plusSeconds(13), "us-east-1", "iam", "DeleteUser").request(obj("userName", stack + "-smtp")));
        }
    }
}

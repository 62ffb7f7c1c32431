package io.trailsift.bench.corpus;

/**
 * User agents of the org's own code and tools, in the shapes those SDKs send: each workload keeps
 * its one runtime, and the runtime markers (exec-env/AWS_Lambda_..., AWS_ECS_FARGATE) are there
 * when the code runs in those services.
 */
final class OrgAgents {
    private static final String AL2 = "5.10.219-208.866.amzn2.x86_64";
    static final String LAMBDA_NODE = "aws-sdk-js/3.568.0 ua/2.0 os/linux#5.10.219-229.864.amzn2.x86_64 "
            + "lang/js md/nodejs#20.12.2 api/dynamodb#3.568.0 exec-env/AWS_Lambda_nodejs20.x";
    static final String ECS_JAVA = java("2.25.60", AL2, "21.0.3+9-LTS", "Amazon.com_Inc.", "AWS_ECS_FARGATE", "standard");
    static final String ECS_PYTHON = boto3("1.34.120", AL2, "3.12.3", "AWS_ECS_FARGATE", "standard", "");
    static final String ECS_AGENT = "aws-sdk-go/1.51.30 (go1.21.10; linux; amd64) exec-env/AWS_ECS_FARGATE";
    static final String EC2_GO = "aws-sdk-go-v2/1.27.0 ua/2.0 os/linux lang/go#1.22.3 md/GOOS#linux md/GOARCH#amd64 "
            + "api/s3#1.54.3";
    static final String EKS_NODE = "aws-sdk-go/1.50.8 (go1.21.9; linux; amd64) amazon-vpc-cni-k8s/agent-v1.18.1";
    static final String POD_PYTHON = boto3("1.34.98", "5.10.217-205.860.amzn2.x86_64", "3.11.9", null, "legacy", "");
    static final String POD_JAVA = java("2.25.40", "5.10.217-205.860.amzn2.x86_64", "17.0.11+9-LTS", "Eclipse_Adoptium",
            null, "standard");
    static final String ETL_BOTO3 = boto3("1.28.57", "4.18.0-513.5.1.el8_9.x86_64", "3.9.18", null, "legacy", "");
    static final String SCANNER = boto3("1.34.110", AL2, "3.11.9", "AWS_ECS_FARGATE", "standard", " prowler/4.2.1");
    static final String CONSOLE = "AWS Internal";
    static final String GITHUB_ACTION = "aws-sdk-js/3.592.0 ua/2.0 os/linux#6.5.0-1021-azure lang/js md/nodejs#20.13.1 "
            + "api/sts#3.592.0 configure-aws-credentials-for-github-actions";

    private OrgAgents() {
    }

    /** Boto3 on Linux; {@code execEnv} is the AWS runtime it runs in, or null outside one. */
    private static String boto3(String version, String kernel, String python, String execEnv, String retry, String tail) {
        return "Boto3/" + version + " md/Botocore#" + version + " ua/2.0 os/linux#" + kernel + " md/arch#x86_64 lang/python#"
                + python + " md/pyimpl#CPython " + (execEnv == null ? "" : "exec-env#" + execEnv + " ") + "cfg/retry-mode#"
                + retry + " Botocore/" + version + tail;
    }

    /** The AWS SDK for Java 2 on Linux. */
    private static String java(String version, String kernel, String jvm, String vendor, String execEnv, String retry) {
        return "aws-sdk-java/" + version + " Linux/" + kernel + " OpenJDK_64-Bit_Server_VM/" + jvm + " Java/"
                + jvm.substring(0, jvm.indexOf('+')) + " vendor/" + vendor + " "
                + (execEnv == null ? "" : "exec-env/" + execEnv + " ") + "io/sync http/Apache cfg/retry-mode/" + retry;
    }

    /** A browser on a person's laptop, the console's caller for sign-in. */
    static String browser(boolean mac) {
        return mac ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/125.0.0.0 Safari/537.36"
                : "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0";
    }
}

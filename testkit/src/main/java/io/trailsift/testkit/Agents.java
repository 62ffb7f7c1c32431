package io.trailsift.testkit;

/** User agents of the tools in the sample, in the formats those tools send. */
public final class Agents {
    public static final String APP_SDK = "aws-sdk-java/2.25.60 Linux/5.10.219-208.866.amzn2.x86_64 "
            + "OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. exec-env/AWS_ECS_EC2 "
            + "io/sync http/Apache cfg/retry-mode/legacy";
    public static final String BOTO3 = "Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux#6.1.0-18-amd64 md/arch#x86_64 "
            + "lang/python#3.11.2 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.84";
    public static final String LAMBDA_BOTO3 = "Boto3/1.34.42 md/Botocore#1.34.42 ua/2.0 os/linux#5.10.214-223.855.amzn2.x86_64 "
            + "md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env#AWS_Lambda_python3.12 "
            + "cfg/retry-mode#legacy Botocore/1.34.42";
    public static final String GO_SDK = "aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.2 md/GOOS#linux md/GOARCH#amd64 api/s3#1.53.1";
    public static final String GITHUB_OIDC = "aws-sdk-nodejs/2.1591.0 linux/v20.12.1 "
            + "configure-aws-credentials-for-github-actions promise";
    public static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    public static final String CONSOLE = "AWS Internal";

    private Agents() {
    }

    /**
     * AWS CLI v2 on a given system: {@code os} as the CLI writes it ({@code macos#23.4.0},
     * {@code linux#6.5.0-1016-aws}), {@code arch} {@code arm64} or {@code x86_64}; Homebrew and the
     * macOS installer report {@code source} and {@code pkg}, the Linux zip {@code exe}.
     */
    public static String cli(String version, String os, String arch, String installer, String command) {
        return "aws-cli/" + version + " md/awscrt#0.20.11 ua/2.0 os/" + os + " md/arch#" + arch
                + " lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#" + installer
                + " md/prompt#off md/command#" + command;
    }

    /** The Terraform AWS provider, which names Terraform, itself and the Go SDK's service client. */
    public static String terraform(String terraformVersion, String providerVersion, String service) {
        return "APN/1.0 HashiCorp/1.0 Terraform/" + terraformVersion + " (+https://www.terraform.io) terraform-provider-aws/"
                + providerVersion + " (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.3 "
                + "ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/" + service + "#1.34.3";
    }

    /** AWS CLI v2 names the command it runs in its user agent. */
    public static String cli(String version, String command) {
        return "aws-cli/" + version + " md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1016-aws md/arch#x86_64 "
                + "lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe "
                + "md/distrib#ubuntu.22 md/prompt#off md/command#" + command;
    }
}

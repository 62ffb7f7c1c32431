package io.trailsift.investigate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The AWS CLI parameters the containment checklist fills with values from the logs, each with the
 * grammar AWS gives its values. Single quotes stop the shell, not the AWS CLI: it loads a value
 * starting with {@code file://} or {@code fileb://} from the analyst's disk and (version 1) one
 * starting with {@code http(s)://} from the network, and a newline splits one pasted command in
 * two. Genuine IAM names cannot hold any of that, so a value goes into a command only when it
 * matches its parameter's grammar.
 */
enum AwsParameter {
    USER_NAME("--user-name", "IAM user name", "[\\w+=,.@-]{1,64}"),
    ROLE_NAME("--role-name", "IAM role name", "[\\w+=,.@-]{1,64}"),
    GROUP_NAME("--group-name", "IAM group name", "[\\w+=,.@-]{1,128}"),
    POLICY_NAME("--policy-name", "IAM policy name", "[\\w+=,.@-]{1,128}"),
    POLICY_ARN("--policy-arn", "IAM policy ARN",
            "arn:aws(-[a-z]+)*:iam::(\\d{12}|aws):policy/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,128}"),
    ACCESS_KEY_ID("--access-key-id", "access key id", "(AKIA|ASIA)[A-Z0-9]{16}"),
    REGION("--region", "AWS region", "[a-z]{2}(-[a-z]+)+-\\d{1,2}"),
    INSTANCE_IDS("--instance-ids", "EC2 instance id", "i-[0-9a-f]{8,17}"),
    GROUP_ID("--group-id", "security group id", "sg-[0-9a-f]{8,17}"),
    GROUP_FILTER("--filters", "security group id filter", "Name=group-id,Values=sg-[0-9a-f]{8,17}"),
    KEY_NAME("--key-name", "EC2 key pair name", "[\\w.@+=,:/-]{1,255}"),
    SECRET_ID("--secret-id", "secret name or ARN", "[\\w/+=.@:-]{1,2048}"),
    PARAMETER_NAME("--name", "SSM parameter name", "[\\w/.-]{1,2048}"),
    TRAIL("--name", "trail name or ARN",
            "[A-Za-z0-9][\\w.-]{2,127}|arn:aws(-[a-z]+)*:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[A-Za-z0-9][\\w.-]{2,127}");

    private final String flag;
    private final String what;
    private final Pattern grammar;

    AwsParameter(String flag, String what, String grammar) {
        this.flag = flag;
        this.what = what;
        this.grammar = Pattern.compile(grammar);
    }

    String flag() {
        return flag;
    }

    /** "an IAM user name", for warnings. */
    String what() {
        return what;
    }

    boolean accepts(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        boolean loadedByTheCli = lower.startsWith("file://") || lower.startsWith("fileb://")
                || lower.startsWith("http://") || lower.startsWith("https://");
        return !loadedByTheCli && value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && grammar.matcher(value).matches();
    }
}

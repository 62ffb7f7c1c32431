package io.trailsift.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An access key id typed on the command line: upper-cased (key ids are), and refused when it
 * cannot be one, so that a typo or a pasted ARN is a usage error rather than an empty answer.
 */
final class AccessKeyArgument {
    /** Long-term (AKIA) and temporary (ASIA) key ids: the prefix and 16 letters or digits. */
    private static final Pattern KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");

    private AccessKeyArgument() {
    }

    static String parse(CommandSpec spec, String option, String text) {
        String typed = text.strip();
        if (typed.startsWith("arn:")) {
            throw new ParameterException(spec.commandLine(), option + ": " + typed
                    + " is an ARN, not an access key id; for a user, role or session use `trailsift principal "
                    + typed + "`");
        }
        String key = typed.toUpperCase(Locale.ROOT);
        if (!KEY.matcher(key).matches()) {
            throw new ParameterException(spec.commandLine(), option + ": '" + typed
                    + "' is not an access key id (AKIA or ASIA followed by 16 letters or digits)");
        }
        return key;
    }
}

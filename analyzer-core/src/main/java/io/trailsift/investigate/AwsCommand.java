package io.trailsift.investigate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AWS CLI command line of the checklist, built parameter by parameter: values from the logs go
 * in single-quoted for a POSIX shell and only when their parameter's grammar allows them
 * ({@link AwsParameter}); a value it refuses is remembered, and the step then prints no command.
 */
final class AwsCommand {
    private final StringBuilder line;
    private final List<String> refused = new ArrayList<>();

    private AwsCommand(String operation) {
        this.line = new StringBuilder("aws ").append(operation);
    }

    /** {@code operation}: the service and its command, e.g. {@code iam delete-user}. */
    static AwsCommand of(String operation) {
        return new AwsCommand(operation);
    }

    /** A value from the logs. */
    AwsCommand with(AwsParameter p, String value) {
        if (p.accepts(value)) {
            line.append(' ').append(p.flag()).append(' ').append(sh(value));
        } else {
            refused.add(p.what() + " " + value);
        }
        return this;
    }

    /** Several values from the logs after one flag ({@code --instance-ids 'i-1' 'i-2'}). */
    AwsCommand withEach(AwsParameter p, List<String> values) {
        line.append(' ').append(p.flag());
        for (String value : values) {
            if (p.accepts(value)) {
                line.append(' ').append(sh(value));
            } else {
                refused.add(p.what() + " " + value);
            }
        }
        return this;
    }

    /** A value from the logs when the event has one, else a placeholder the responder fills in. */
    AwsCommand with(AwsParameter p, Optional<String> value, String placeholder) {
        if (value.isPresent()) {
            return with(p, value.get());
        }
        line.append(' ').append(p.flag()).append(" <").append(placeholder).append('>');
        return this;
    }

    /** Text trailsift wrote itself (a policy document, a fixed name), quoted. */
    AwsCommand withOwn(String flag, String value) {
        line.append(' ').append(flag).append(' ').append(sh(value));
        return this;
    }

    /** Fixed words, as they are. */
    AwsCommand then(String words) {
        line.append(' ').append(words);
        return this;
    }

    String line() {
        return line.toString();
    }

    /** The values this command refused, each with what it should have been. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Single-quotes a value for a POSIX shell. */
    static String sh(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

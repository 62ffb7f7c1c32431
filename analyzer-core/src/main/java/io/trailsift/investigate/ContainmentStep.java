package io.trailsift.investigate;

import java.util.List;
import java.util.Optional;

/**
 * One item of the containment checklist: what to do, why (the evidence), and the AWS CLI
 * commands a responder would run for it. trailsift never runs them: it has no AWS access.
 *
 * @param warning why the step has no commands although it needs some: a value from the logs that
 *                is not a valid AWS name for its parameter (shaped by whoever made the calls), to be
 *                checked by hand
 */
public record ContainmentStep(String action, String why, String accountId, List<String> commands,
                              Optional<String> warning) {
    public ContainmentStep {
        commands = List.copyOf(commands);
    }

    /** A step of these commands, or of none and a warning when one refused a value from the logs. */
    static ContainmentStep of(String action, String why, String accountId, List<AwsCommand> commands) {
        List<String> refused = commands.stream().flatMap(c -> c.refused().stream()).distinct().toList();
        if (refused.isEmpty()) {
            return new ContainmentStep(action, why, accountId, commands.stream().map(AwsCommand::line).toList(),
                    Optional.empty());
        }
        return new ContainmentStep(action, why, accountId, List.of(), Optional.of("no command printed: the logs give "
                + String.join("; ", refused) + ", which is not valid there (a value shaped by whoever made the calls?); "
                + "find the real name in the account before acting"));
    }
}

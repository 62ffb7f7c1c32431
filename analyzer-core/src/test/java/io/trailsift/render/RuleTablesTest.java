package io.trailsift.render;

import io.trailsift.detect.Rule;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RuleTablesTest {
    private static final List<Rule> RULES = List.of(
            rule("root-account-used", "Root user activity", List.of("T1078.004"), "rules/initial-access/root-account-used.yml",
                    Optional.of(Tactic.INITIAL_ACCESS)),
            rule("my-rule", "Mine | *bold* <b>", List.of("T1098", "T1136.003"), "/home/me/rules/my-rule.yml", Optional.empty()),
            rule("iam-user-created", "IAM user created", List.of("T1136.003"), "rules/persistence/iam-user-created.yml",
                    Optional.of(Tactic.PERSISTENCE)),
            rule("recon-enumeration-breadth", "Burst of enumeration", List.of("T1580", "T1526"),
                    "rules/reconnaissance/recon-enumeration-breadth.yml", Optional.of(Tactic.RECONNAISSANCE)));

    @Test
    void markdownGroupsTheRulesUnderTheirTacticsInOrderAndTheUsersLast() {
        assertEquals("""
                | id | severity | ATT&CK | what it catches |
                |---|---|---|---|
                | **Reconnaissance** | | | |
                | `recon-enumeration-breadth` | medium | T1580, T1526 | Burst of enumeration |
                | **Persistence and privilege escalation** | | | |
                | `iam-user-created` | medium | T1136.003 | IAM user created |
                | **Initial access and hygiene** | | | |
                | `root-account-used` | medium | T1078.004 | Root user activity |
                | **User rules** | | | |
                | `my-rule` | medium | T1098, T1136.003 | Mine \\| \\*bold\\* \\<b\\> |
                """, write(TableFormat.MD));
    }

    @Test
    void rowFormatsKeepTheLoadOrderAndNameTheTactic() {
        assertEquals("""
                id,severity,attack,title,source,tactic\r
                root-account-used,medium,T1078.004,Root user activity,rules/initial-access/root-account-used.yml,initial-access\r
                my-rule,medium,"T1098,T1136.003",Mine | *bold* <b>,/home/me/rules/my-rule.yml,\r
                iam-user-created,medium,T1136.003,IAM user created,rules/persistence/iam-user-created.yml,persistence\r
                recon-enumeration-breadth,medium,"T1580,T1526",Burst of enumeration,rules/reconnaissance/recon-enumeration-breadth.yml,reconnaissance\r
                """, write(TableFormat.CSV));
    }

    private static String write(TableFormat format) {
        StringWriter out = new StringWriter();
        RuleTables.write(RULES, format, Screen.UNLIMITED, out);
        return out.toString();
    }

    private static Rule rule(String id, String title, List<String> attack, String source, Optional<Tactic> tactic) {
        return new Rule(id, title, Severity.MEDIUM, attack, "", "", List.of(), "SELECT event_id FROM events", Optional.empty(),
                source, tactic);
    }
}

package io.trailsift.render;

import io.trailsift.detect.Finding;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;
import io.trailsift.triage.Novelty;
import io.trailsift.triage.Ranking;
import io.trailsift.triage.Triage;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ranked view of {@code hunt}: what a line says, and that no log value reaches the reader raw. */
class RankedFindingsTest {
    private static final Instant T = Instant.parse("2026-05-20T10:00:00Z");
    /** A role and session name that clear the screen and turn the text around, as an attacker may name them. */
    private static final String SESSION = "arn:aws:sts::111111111111:assumed-role/Ops\u001b[2J/s1\u202e";
    private static final String HOSTILE_IP = "\u001b]8;;https://evil.example\u0007203.0.113.9";

    private static Finding finding(String principal, String summary) {
        return new Finding("iam-user-created", "IAM user created", Severity.MEDIUM, List.of("T1136.003"), T, T,
                Optional.of("111111111111"), Optional.of(principal), Optional.of("ASIAOPS0000000000001"), List.of(HOSTILE_IP),
                List.of("e-1"), summary, Optional.of(Tactic.PERSISTENCE));
    }

    private static String render(TableFormat format) {
        Ranking ranking = Triage.rank(List.of(finding(SESSION, SESSION + " created IAM user x\u001b[31m")),
                sightings -> Map.of(sightings.get(0).entity(), List.of(HOSTILE_IP)));
        StringWriter out = new StringWriter();
        FindingTables.write(ranking, format, false, Screen.UNLIMITED, out);
        return out.toString();
    }

    @Test
    void logValuesInTheRankedTableAreEscaped() {
        String table = render(TableFormat.TABLE);
        assertFalse(table.contains("\u001b") || table.contains("\u0007") || table.contains("\u202e"), table);
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(2).contains("arn:aws:iam::111111111111:role/Ops\\x1b[2J  medium"), lines.get(2));
        assertTrue(lines.get(2).endsWith("1 rule in 1 stage (persistence); new source IP: \\x1b]8;;https://evil.example\\x07203.0.113.9"),
                "escaped, and whole on a screen without a width limit: " + lines.get(2));
        assertTrue(lines.get(3).endsWith("session s1\\u202e created IAM user x\\x1b[31m"),
                "the session keeps its name, escaped, when the summary's ARN is dropped: " + lines.get(3));
        assertEquals("(1 principal or credential, 1 finding)", lines.get(4));
    }

    @Test
    void logValuesInTheRankedMarkdownCannotAddMarkupOrLinks() {
        String md = render(TableFormat.MD);
        assertFalse(md.contains("\u001b") || md.contains("https://"), md);
        assertTrue(md.contains("| 1 | 30 | arn:aws:iam::111111111111:role/Ops\\\\x1b\\[2J | medium | 1 |"), md);
    }

    @Test
    void aSummaryThatDoesNotStartWithItsPrincipalIsShownWhole() {
        Ranking ranking = Triage.rank(List.of(finding("arn:aws:iam::111111111111:user/bob", "a chain started by someone")),
                Novelty.NONE);
        StringWriter out = new StringWriter();
        FindingTables.write(ranking, TableFormat.TABLE, false, Screen.UNLIMITED, out);
        assertTrue(out.toString().lines().toList().get(3).endsWith("a chain started by someone"), out.toString());
    }
}

package io.trailsift.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static io.trailsift.cli.Evidence.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review #2, #3, #5-#10, #17 and #24: values the attacker put in the logs (names, key ids,
 * user agents, file names) are inert in every output, and one crafted record disables nothing.
 * The attacker's calls are made with the sample's stolen key, on top of the sample incident.
 */
class HostileOutputTest {
    /** Anything a terminal or a viewer would act on rather than show. */
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f\\u0080-\\u009f"
            + "\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff]");
    private static final String ESC_KEY = "AKIAFAKE\u001b[2K\rAKIALEGIT00000000000";
    private static final String NEWLINE_USER = "svc-tmp\naws iam delete-user --user-name break-glass-admin #";
    private static final String LONG_AGENT = "Mozilla/5.0 " + "U".repeat(100_000);

    @TempDir
    static Path tmp;
    static Path db;
    static CliRun investigate;
    static String report;
    /** The same case as a text report, rebuilt from the store by {@code report}. */
    static String text;

    @BeforeAll
    static void investigateThePlantedCalls() throws Exception {
        ObjectNode fileUser = Evidence.call("CreateUser", KEY, "h-1");
        fileUser.putObject("requestParameters").put("userName", "file://~/.aws/credentials");
        fileUser.put("sourceIPAddress", "=HYPERLINK(\"http://evil.example\")");
        ObjectNode urlKey = Evidence.call("CreateAccessKey", KEY, "h-2");
        urlKey.putObject("requestParameters").put("userName", "https://evil.example/p.png");
        urlKey.putObject("responseElements").putObject("accessKey").put("accessKeyId", ESC_KEY)
                .put("userName", "https://evil.example/p.png").put("status", "Active");
        ObjectNode newlineUser = Evidence.call("CreateLoginProfile", KEY, "h-3");
        newlineUser.putObject("requestParameters").put("userName", NEWLINE_USER);
        ObjectNode bidi = Evidence.call("ListRoles", KEY, "h-4");
        bidi.put("userAgent", LONG_AGENT);
        bidi.put("sourceIPAddress", "=HYPERLINK(\"http://evil.example\")\u202e4.3.2.1");
        // An unrelated key's call with a lone surrogate in its parameters (#3).
        String surrogate = Evidence.call("GetUser", "AKIAUNRELATED0000001", "h-5").toString()
                .replace("\"eventID\"", "\"requestParameters\":{\"userName\":\"sur\\udc00user\"},\"eventID\"");
        Path planted = Evidence.logObject(tmp.resolve("planted/AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/22/p.json.gz"),
                String.join(",", fileUser.toString(), urlKey.toString(), newlineUser.toString(), bidi.toString(), surrogate));
        db = tmp.resolve("case.duckdb");
        Path md = tmp.resolve("report.md");
        investigate = CliRun.of("investigate", Evidence.sampleLogs().toString(), planted.getParent().toString(),
                "--key", KEY, "--db", db.toString(), "--out", md.toString());
        report = Files.readString(md);
        Path txt = tmp.resolve("report.txt");
        CliRun.of("report", "--key", KEY, "--db", db.toString(), "--out", txt.toString());
        text = Files.readString(txt);
    }

    private static void assertInert(String output, String what) {
        assertFalse(RAW_CONTROL.matcher(output).find(), what + " holds a raw control, bidi or invisible character");
    }

    /** The command lines the checklist prints: indented, starting with the AWS CLI. */
    private static List<String> commands(String text) {
        return text.lines().filter(l -> l.stripLeading().startsWith("aws ")).toList();
    }

    @Test
    @DisplayName("review #2: no printed command carries a value the AWS CLI would load from a file or URL")
    void noCommandLoadsAFileOrUrl() {
        assertEquals(Main.DAMAGED_OR_FINDINGS, investigate.exit(), investigate.err());
        List<String> commands = commands(text);
        assertFalse(commands.isEmpty());
        for (String c : commands) {
            assertFalse(c.contains("file://") || c.contains("fileb://") || c.contains("http://") || c.contains("https://"), c);
        }
        assertTrue(text.contains("WARNING: ") && text.contains("file://~/.aws/credentials"),
                "the step is still listed, with its value and a warning");
    }

    @Test
    @DisplayName("review #9: a name holding a line break gives no command, and no line that runs on its own")
    void aLineBreakMakesNoSecondCommand() {
        for (String out : List.of(investigate.out(), text, report)) {
            assertTrue(out.lines().noneMatch(l -> l.stripLeading().startsWith("aws iam delete-user --user-name break-glass-admin")),
                    "a second line became a command");
        }
        assertTrue(text.contains("svc-tmp\\x0aaws iam delete-user"), "the line break is shown escaped");
        assertTrue(report.contains("svc-tmp\\\\x0aaws iam delete-user"), "the same, escaped again for Markdown: " + report);
    }

    @Test
    @DisplayName("review #3: a lone surrogate in one event disables no rule and does not stop investigate")
    void loneSurrogateDisablesNothing() {
        assertNotEquals(Main.USAGE, investigate.exit());
        CliRun hunt = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl");
        assertTrue(hunt.out().contains("\"rule\":\"cloudtrail-tampering\""), hunt.err());
        assertTrue(hunt.out().contains("\"rule\":\"iam-admin-policy-granted\""), hunt.err());
        assertFalse(hunt.err().contains("rule problem"), hunt.err());
        CliRun stored = CliRun.of("sql", "--db", db.toString(),
                "SELECT request_parameters->>'userName' AS u FROM events WHERE event_id = 'h-5'");
        assertTrue(stored.out().contains("sur\\\\udc00user"), "what was delivered stays readable: " + stored.out());
    }

    @Test
    @DisplayName("review #5: an access key id with ESC and CR is printed escaped by key")
    void keyIdsAreEscaped() {
        CliRun key = CliRun.of("key", KEY, "--db", db.toString());
        assertInert(key.out(), "key");
        assertTrue(key.out().contains("AKIAFAKE\\x1b[2K\\x0dAKIALEGIT00000000000"), key.out());
    }

    @Test
    @DisplayName("review #24: a user agent of 100,000 characters is cut, with its length shown")
    void longUserAgentIsCut() {
        CliRun key = CliRun.of("key", KEY, "--db", db.toString());
        assertTrue(key.out().lines().allMatch(l -> l.length() < 2_000), "no line of the tree is longer than a screen or two");
        assertFalse(key.out().contains(LONG_AGENT.substring(0, 200)), "the tree shows the agent's client, not the agent");
        CliRun wide = CliRun.of("key", KEY, "--db", db.toString(), "--wide");
        assertTrue(wide.out().lines().allMatch(l -> l.length() < 2_000), "even whole, no line is longer than a screen or two");
        assertTrue(wide.out().contains("(" + LONG_AGENT.length() + " chars)"), "the cut says how long the value was");
    }

    @Test
    @DisplayName("review #8 and #17: the Markdown report and the terminal text carry no raw ESC, CR, bidi or invisible characters")
    void reportAndTextAreInert() {
        assertInert(investigate.out(), "investigate screen");
        assertInert(text, "text report");
        assertInert(report, "report.md");
        assertTrue(report.contains("\\\\u202e4"), "the bidi override is shown as its escape");
    }

    @Test
    @DisplayName("review #10: CSV cells a spreadsheet would run as a formula are neutralised, list cells too")
    void csvFormulasAreNeutralised() {
        CliRun hunt = CliRun.of("hunt", "--db", db.toString(), "--format", "csv");
        CliRun principal = CliRun.of("principal", "arn:aws:iam::123456789012:user/app-integration-user",
                "--db", db.toString(), "--format", "csv");
        CliRun sql = CliRun.of("sql", "--db", db.toString(), "--format", "csv",
                "SELECT ['=cmd|'' /C calc''!A0', 'x'] AS l, '+SUM(A1)' AS t, list(DISTINCT source_ip) AS ips FROM events WHERE access_key_id = '"
                        + KEY + "'");
        for (CliRun run : List.of(hunt, principal, sql)) {
            assertTrue(run.out().contains("=HYPERLINK") || run.out().contains("=cmd"), "the formula is shown, neutralised");
            // "== name" lines are the tool's own section titles (principal prints several tables), not cells
            for (String line : run.out().lines().filter(l -> !l.startsWith("== ")).toList()) {
                for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                    String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                    assertFalse(!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0, "formula cell: " + cell);
                }
            }
        }
    }

    @Test
    @DisplayName("review #6: a file name and a parser message cannot rewrite the ingest summary")
    void fileNamesAreEscapedInTheSummary() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("names"));
        Files.writeString(dir.resolve("x\u001b[1A\u001b[2K\rdamaged objects  0\u001bc.json"), "{\"Records\":[{\"eventID\":\"a\",");
        CliRun ingest = CliRun.of("ingest", dir.toString(), "--db", tmp.resolve("names.duckdb").toString());
        assertInert(ingest.out(), "ingest summary");
        assertTrue(ingest.out().contains("\ndamaged objects  1\n"), ingest.out());
        assertTrue(ingest.out().contains("x\\x1b[1A\\x1b[2K\\x0ddamaged objects  0\\x1bc.json"), ingest.out());
    }

    @Test
    @DisplayName("review #7: a rule error quoting a crafted value is printed escaped")
    void ruleErrorsAreEscaped() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("cast-agent.yml"), """
                id: cast-agent
                title: A rule whose SQL fails on a crafted value
                severity: low
                attack: [T1078]
                description: Casts the user agent to a number, which the planted value makes fail.
                response: Nothing.
                sql: |
                  SELECT event_id, event_id AS group_key, CAST(user_agent AS INTEGER) AS n FROM events
                  WHERE event_id = 'h-6'
                summary: "{n}"
                """);
        ObjectNode crafted = Evidence.call("ListUsers", KEY, "h-6");
        crafted.put("userAgent", "\u001b[2K\u001b[1G\u001b[8m");
        Path file = Evidence.logObject(tmp.resolve("crafted/a.json.gz"), crafted);
        Path store = tmp.resolve("crafted.duckdb");
        CliRun.of("ingest", file.toString(), "--db", store.toString());
        CliRun hunt = CliRun.of("hunt", "--db", store.toString(), "--rules", rules.toString(), "--only", "cast-agent");
        assertEquals(Main.DAMAGED_OR_FINDINGS, hunt.exit());
        assertTrue(hunt.err().contains("cast-agent") && hunt.err().contains("\\x1b[2K"), hunt.err());
        assertInert(hunt.err(), "rule problem");
    }
}

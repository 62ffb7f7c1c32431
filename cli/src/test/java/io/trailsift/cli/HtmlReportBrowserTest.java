package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.trailsift.cli.Evidence.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML case report as a browser shows it: the sample case, and the sample case plus calls
 * whose names, user agents and parameters carry HTML, script and SVG-breaking text, each opened
 * in headless Chromium through its DevTools protocol. Skipped (with a one-line reason) when no
 * Chromium is installed; {@code .ci/run} installs Debian's {@code chromium} when it runs as root.
 */
class HtmlReportBrowserTest {
    private static final String SCRIPT_USER = "<script>alert('user')</script>";
    private static final String IMG_AGENT = "\"><img src=x onerror=alert('agent')>";
    private static final String JS_URL = "javascript:alert('url')";
    private static final String SVG_BREAK = "</text></g></svg><svg onload=alert('svg')><text>";

    @TempDir
    static Path tmp;
    static Chromium browser;
    static Path sampleHtml;
    static Path hostileHtml;

    @BeforeAll
    static void renderAndOpen() throws Exception {
        Optional<Path> binary = Chromium.find();
        Assumptions.assumeTrue(binary.isPresent(), "skipped: no chromium on PATH (apt-get install chromium), "
                + "so the HTML report was not checked in a browser");
        Path db = tmp.resolve("sample.duckdb");
        sampleHtml = tmp.resolve("sample.html");
        CliRun sample = CliRun.of("investigate", Evidence.sampleLogs().toString(), "--key", KEY, "--db", db.toString(),
                "--out", sampleHtml.toString());
        assertEquals(Main.DAMAGED_OR_FINDINGS, sample.exit(), sample.err());
        hostileHtml = hostileReport();
        // the profile lives in target/, not the temporary folder: the browser may still touch it while exiting
        browser = Chromium.start(binary.get(), Files.createTempDirectory(Files.createDirectories(Path.of("target")),
                "chromium-profile"));
    }

    /** The sample plus calls by the stolen key whose values are markup, script and SVG. */
    private static Path hostileReport() throws Exception {
        ObjectNode user = Evidence.call("CreateUser", KEY, "x-1");
        user.putObject("requestParameters").put("userName", SCRIPT_USER);
        user.put("userAgent", IMG_AGENT);
        ObjectNode secret = Evidence.call("GetSecretValue", KEY, "x-2");
        secret.put("eventSource", "secretsmanager.amazonaws.com");
        secret.putObject("requestParameters").put("secretId", JS_URL);
        secret.put("userAgent", SVG_BREAK);
        ObjectNode keyPair = Evidence.call("ImportKeyPair", KEY, "x-3");
        keyPair.put("eventSource", "ec2.amazonaws.com");
        keyPair.putObject("requestParameters").put("keyName", SVG_BREAK);
        Path planted = Evidence.logObject(tmp.resolve("planted/AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/22/x.json.gz"),
                String.join(",", user.toString(), secret.toString(), keyPair.toString()));
        Path db = tmp.resolve("hostile.duckdb");
        Path html = tmp.resolve("hostile.html");
        CliRun run = CliRun.of("investigate", Evidence.sampleLogs().toString(), planted.getParent().toString(),
                "--key", KEY, "--db", db.toString(), "--out", html.toString());
        assertEquals(Main.DAMAGED_OR_FINDINGS, run.exit(), run.err());
        return html;
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    private static String open(Path html) throws Exception {
        String url = html.toUri().toString();
        browser.open(url);
        return url;
    }

    @Test
    void theSampleReportLoadsCleanlyAndShowsTheCase() throws Exception {
        String url = open(sampleHtml);
        assertEquals(List.of(), browser.requestsBesides(url), "the page asked for something");
        assertEquals(List.of(), browser.errors(), "console errors");
        assertEquals(List.of(), browser.events("Page.javascriptDialogOpening"));
        JsonNode answerKey = Evidence.JSON.readTree(Evidence.sampleLogs().resolve("answer-key.json").toFile());
        List<String> expected = new ArrayList<>();
        answerKey.get("lineage").forEach(c -> expected.add(c.get("access_key_id").asText()));
        JsonNode drawn = browser.eval("[].map.call(document.querySelectorAll('#lineage g.node'), g => g.dataset.key)");
        List<String> keys = new ArrayList<>();
        drawn.forEach(k -> keys.add(k.asText()));
        assertEquals(expected.stream().sorted().toList(), keys.stream().sorted().toList(), "credentials in the lineage SVG");
        String findings = browser.eval("[].map.call(document.querySelectorAll('h2'), h => h.textContent)"
                + ".find(t => t.startsWith('Findings'))").asText();
        int rows = browser.eval("(() => { const h = [].find.call(document.querySelectorAll('h2'), "
                + "h => h.textContent.startsWith('Findings')); return h.nextElementSibling.querySelectorAll('tbody tr').length; })()")
                .asInt();
        assertTrue(rows > 0 && findings.contains("(" + rows + ")"), findings + " with " + rows + " rows");
        String text = browser.eval("document.body.innerText").asText();
        for (String rule : List.of("iam-admin-policy-granted", "iam-access-key-for-other-user", "console-login-without-mfa")) {
            assertTrue(text.contains(rule), "finding " + rule);
        }
        browser.screenshot(Path.of("target", "html-report-sample.png"));
    }

    @Test
    void theAppendixFiltersChangeTheVisibleRows() throws Exception {
        open(sampleHtml);
        int all = browser.eval("document.querySelectorAll('#events tbody tr:not([hidden])').length").asInt();
        int filtered = browser.eval("(() => { const s = document.querySelector('select[data-col]'); "
                + "s.value = s.options[1].value; s.dispatchEvent(new Event('change')); "
                + "return document.querySelectorAll('#events tbody tr:not([hidden])').length; })()").asInt();
        assertTrue(filtered > 0 && filtered < all, all + " rows, " + filtered + " after filtering");
        assertEquals(filtered + " of " + all + " rows shown", browser.eval("document.getElementById('shown').textContent").asText());
    }

    /**
     * For the size and speed check of a large case (benchmarks/RESULTS.md): with
     * {@code -Dtrailsift.report=FILE.html}, opens that report and prints its size and when
     * DOMContentLoaded came; asserts only that it loads cleanly (no timing assertion in a test).
     */
    @Test
    void aGivenReportOpensCleanly() throws Exception {
        String given = System.getProperty("trailsift.report", "");
        Assumptions.assumeFalse(given.isEmpty(), "skipped: no -Dtrailsift.report=FILE.html to measure");
        Path html = Path.of(given);
        String url = open(html);
        assertEquals(List.of(), browser.requestsBesides(url));
        assertEquals(List.of(), browser.errors());
        double dcl = browser.eval("(() => { const n = performance.getEntriesByType('navigation')[0]; "
                + "return n.domContentLoadedEventEnd - n.startTime; })()").asDouble();
        long rows = browser.eval("document.querySelectorAll('#events tbody tr').length").asLong();
        System.out.printf("report %s: %d bytes, %d appendix rows, DOMContentLoaded after %.0f ms%n", html, Files.size(html),
                rows, dcl);
        browser.screenshot(Path.of("target", "html-report-given.png"));
    }

    @Test
    void hostileValuesAreShownLiterallyAndRunNothing() throws Exception {
        String url = open(hostileHtml);
        assertEquals(List.of(), browser.events("Page.javascriptDialogOpening"), "a dialog opened");
        assertEquals(List.of(), browser.requestsBesides(url), "a request left the page");
        assertEquals(List.of(), browser.errors(), "console errors (a blocked script would be one)");
        assertEquals(1, browser.eval("document.scripts.length").asInt(), "only the report's own script");
        assertEquals(0, browser.eval("document.querySelectorAll('img, iframe, object, embed, [onerror], [onload]').length").asInt());
        assertEquals(2, browser.eval("document.querySelectorAll('svg').length").asInt(), "the lineage and the chart, unbroken");
        String text = browser.eval("document.body.innerText").asText();
        for (String literal : List.of(SCRIPT_USER, IMG_AGENT, JS_URL, SVG_BREAK)) {
            assertTrue(text.contains(literal), "shown as text: " + literal);
        }
        browser.screenshot(Path.of("target", "html-report-hostile.png"));
    }
}

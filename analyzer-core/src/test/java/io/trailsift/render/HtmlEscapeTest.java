package io.trailsift.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from the logs in the HTML report's text, attributes and SVG (the browser test opens the result). */
class HtmlEscapeTest {
    @Test
    void markupCannotOpenATagCloseAnAttributeOrStartAnEntity() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Escape.html("<script>alert(1)</script>"));
        assertEquals("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", Escape.html("\"><img src=x onerror=alert(1)>"));
        assertEquals("&#39; onload=&#39;x", Escape.html("' onload='x"));
        assertEquals("&amp;lt;", Escape.html("&lt;"));
        assertEquals("&lt;/text&gt;&lt;/svg&gt;", Escape.html("</text></svg>"));
    }

    @Test
    void hiddenCharactersAreShownAsForTheTerminal() {
        assertEquals("a\\x1b[2Kb\\x0ac", Escape.html("a\u001b[2Kb\nc"));
        assertEquals("evil\\u202etxt.exe", Escape.html("evil\u202etxt.exe"));
    }

    @Test
    void thePolicyAllowsOnlyTheReportsOwnStyleAndScript() {
        for (String directive : List.of("default-src 'none'", "img-src 'none'", "base-uri 'none'", "form-action 'none'")) {
            assertTrue(HtmlStyle.CSP.contains(directive), directive);
        }
        assertFalse(HtmlStyle.CSP.contains("unsafe"), HtmlStyle.CSP);
        assertTrue(HtmlStyle.CSP.matches(".*style-src 'sha256-[A-Za-z0-9+/=]+'.*script-src 'sha256-[A-Za-z0-9+/=]+'.*"));
    }
}

package io.trailsift.render;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownEscapeTest {
    @Test
    @DisplayName("review #23: URLs, domains and mail addresses in log values cannot become links in a rendered report")
    void noAutolinks() {
        assertEquals("https\\://evil\\.example/p\\.png", Escape.markdown("https://evil.example/p.png"));
        assertEquals("\\!\\[img\\](http\\://x\\.io)", Escape.markdown("![img](http://x.io)"));
        assertEquals("www\\.evil\\.com", Escape.markdown("www.evil.com"));
        assertEquals("ops\\@corp\\.example", Escape.markdown("ops@corp.example"));
    }

    @Test
    @DisplayName("what links nowhere stays as it was: IPs, ARNs, numbers")
    void plainValuesStay() {
        assertEquals("198.51.100.50", Escape.markdown("198.51.100.50"));
        assertEquals("arn:aws:iam::123456789012:user/app", Escape.markdown("arn:aws:iam::123456789012:user/app"));
        assertEquals("aws-cli/2.15.0", Escape.markdown("aws-cli/2.15.0"));
        assertEquals("a\\|b \\\\u202e", Escape.markdown("a|b \u202e"), "rendered, the escape \\u202e shows");
    }
}

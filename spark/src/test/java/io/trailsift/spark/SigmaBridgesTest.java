package io.trailsift.spark;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Sigma helpers' meaning on JSON text, as analyzer-core's DuckDB macros give it on JSON values; no session needed. */
class SigmaBridgesTest {
    @Test
    void expandFansOutArraysAndKeepsStringsQuoted() {
        assertEquals(List.of("\"a\"", "1", "{\"k\":[2,3]}", "null"), SigmaBridges.expand("[\"a\", 1, {\"k\": [2, 3]}, null]"));
        assertEquals(List.of("{\"k\":\"v\"}"), SigmaBridges.expand("{ \"k\" : \"v\" }"));
        assertEquals(List.of(), SigmaBridges.expand(null));
    }

    @Test
    void stepReadsOneMemberOfEachObjectAndFansOutItsArrays() {
        List<String> values = List.of("{\"policy\":{\"Statement\":[{\"Effect\":\"Allow\"},{\"Effect\":\"Deny\"}]}}", "[1]", "\"x\"");
        List<String> statements = SigmaBridges.step(SigmaBridges.step(values, "$.\"policy\""), "$.\"Statement\"");
        assertEquals(List.of("\"Allow\"", "\"Deny\""), SigmaBridges.step(statements, "$.\"Effect\""));
        assertEquals(List.of("null"), SigmaBridges.step(List.of("{\"a\":null}"), "$.\"a\""), "a JSON null is a value");
        assertEquals(List.of(), SigmaBridges.step(List.of("{\"b\":1}"), "$.\"a\""), "a missing member is none");
    }

    @Test
    void textIsWhatSigmaCompares() {
        assertEquals("a \"b\"", SigmaBridges.text("\"a \\\"b\\\"\""));
        assertEquals("12.50", SigmaBridges.text("12.50"));
        assertEquals("true", SigmaBridges.text("true"));
        assertEquals("{\"k\":[1,2]}", SigmaBridges.text("{\"k\": [1, 2]}"));
        assertNull(SigmaBridges.text("null"));
        assertNull(SigmaBridges.text(null));
    }

    @Test
    void ipv4AsANumberOnlyForDottedQuads() {
        assertEquals(3232235777L, SigmaBridges.ipv4("192.168.1.1"));
        for (String notOne : Arrays.asList("192.168.1", "2001:db8::1", "1.2.3.4.5", "a.b.c.d", null)) {
            assertNull(SigmaBridges.ipv4(notOne), notOne);
        }
    }
}

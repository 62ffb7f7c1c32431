package io.trailsift.format.cloudtrail;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher tells the JIT compiler, by name, which scanner methods to compile on their own.
 * A rename would make the JVM ignore the hint without a word and the ingest quietly slower.
 */
class ScannerCompileHintsTest {
    private static final Pattern HINT = Pattern.compile("dontinline,io\\.trailsift\\.format\\.cloudtrail\\.RecordsScanner::(\\w+)");

    @Test
    void everyMethodTheLauncherNamesExists() throws IOException {
        Path launcher = Path.of(System.getProperty("basedir", ".")).resolve("../trailsift").normalize();
        Matcher m = HINT.matcher(Files.readString(launcher));
        List<String> named = m.results().map(r -> r.group(1)).collect(Collectors.toList());
        assertFalse(named.isEmpty(), "the launcher names no scanner method");
        List<String> declared = Arrays.stream(RecordsScanner.class.getDeclaredMethods()).map(Method::getName).toList();
        for (String name : named) {
            assertTrue(declared.contains(name), "RecordsScanner has no method " + name + ", which the launcher names");
        }
    }
}

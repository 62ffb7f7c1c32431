package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.testkit.TestSigningKey;
import io.trailsift.verify.TestTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest {
    @TempDir
    Path dir;

    private final TestSigningKey keys = TestSigningKey.load();

    @Test
    void intactTrailExitsZeroWithJsonSummaryAndStoresTheRun() throws Exception {
        Path root = Files.createDirectories(dir.resolve("logs"));
        TestTrail t = TestTrail.complete(root, keys);
        Path keysFile = t.writer.publicKeys(dir.resolve("keys.json"));
        Path db = dir.resolve("case.duckdb");
        assertEquals(0, CliRun.of("ingest", root.toString(), "--db", db.toString()).exit());

        CliRun r = CliRun.of("verify", root.toString(), "--public-keys", keysFile.toString(), "--db", db.toString(),
                "--format", "json");
        assertEquals(0, r.exit(), r.out());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(12, j.get("log_objects").get("verified").asInt());
        assertEquals("verified", j.get("signatures").asText());

        CliRun stored = CliRun.of("sql", "SELECT verified, signatures FROM verify_runs", "--db", db.toString(), "--format", "csv");
        assertTrue(stored.out().contains("12,verified"), stored.out());
    }

    @Test
    void deletedObjectExitsOneAndTheTableNamesIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("logs"));
        TestTrail t = TestTrail.complete(root, keys);
        Files.delete(t.logs.get(2).file());

        CliRun r = CliRun.of("verify", root.toString(), "--db", dir.resolve("absent.duckdb").toString(), "--format", "table");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("== modified and missing log objects"), r.out());
        assertTrue(r.out().contains("missing"), r.out());
        assertTrue(r.out().contains("not-checked"), r.out());
        assertTrue(!Files.exists(dir.resolve("absent.duckdb")), "verify must not create a store");

        CliRun md = CliRun.of("verify", root.toString(), "--db", dir.resolve("absent.duckdb").toString(), "--format", "md",
                "--gap", "20m");
        assertTrue(md.out().contains("## delivery gaps"), md.out());
    }

    @Test
    void badGapIsAUsageError() throws Exception {
        assertEquals(2, CliRun.of("verify", dir.toString(), "--gap", "soon").exit());
    }
}

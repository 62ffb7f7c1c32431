package io.trailsift.cli;

import io.trailsift.lineage.LineageScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs that find nothing must say so, never look like "nothing there": a verify without digests,
 * a verify of a path that is not there, filters that leave nothing to ingest, a hunt on an empty store.
 */
class NothingFoundTest {
    @TempDir
    Path dir;

    @Test
    void verifyOfAMissingPathIsAUsageErrorAndWithoutDigestsItIsNotVerified() throws Exception {
        CliRun missing = CliRun.of("verify", dir.resolve("sample-log").toString(), "--db", dir.resolve("v.duckdb").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such readable file or folder: " + dir.resolve("sample-log")), missing.err());

        Path logs = dir.resolve("logs.json");
        LineageScenario.records().write(logs);
        CliRun none = CliRun.of("verify", logs.toString(), "--db", dir.resolve("v.duckdb").toString(), "--format", "csv");
        assertEquals(1, none.exit(), none.err());
        assertTrue(none.out().contains("result,NOT VERIFIED,no CloudTrail-Digest file in the inputs"), none.out());
    }

    @Test
    void errorsSayWhatFailedNotJustAPath() throws Exception {
        Path logs = dir.resolve("logs.json");
        LineageScenario.records().write(logs);
        String db = dir.resolve("e.duckdb").toString();
        CliRun noKeys = CliRun.of("verify", logs.toString(), "--db", db, "--public-keys", dir.resolve("nope.json").toString());
        assertTrue(noKeys.err().contains("cannot read public keys file " + dir.resolve("nope.json") + ": no such file"),
                noKeys.err());
        Path notJson = dir.resolve("keys.txt");
        java.nio.file.Files.writeString(notJson, "# not json\n");
        CliRun badKeys = CliRun.of("verify", logs.toString(), "--db", db, "--public-keys", notJson.toString());
        assertTrue(badKeys.err().contains("cannot read public keys file " + notJson
                + ": not the JSON that `aws cloudtrail list-public-keys` prints"), badKeys.err());
        CliRun out = CliRun.of("investigate", logs.toString(), "--key", LineageScenario.ALICE, "--db", db,
                "--out", dir.resolve("no-such-dir").resolve("report.md").toString());
        assertTrue(out.err().contains("--out: cannot write " + dir.resolve("no-such-dir").resolve("report.md")
                + ": no such folder"), out.err());
        assertFalse(out.err().contains("ingest:"), "--out is checked before the run: " + out.err());
    }

    @Test
    void filtersThatCannotMatchAreRefusedAndFiltersThatMatchNothingWarn() throws Exception {
        Path logs = dir.resolve("logs.json");
        LineageScenario.records().write(logs);
        String db = dir.resolve("f.duckdb").toString();
        CliRun account = CliRun.of("ingest", logs.toString(), "--db", db, "--account", "11111111111");
        assertEquals(2, account.exit());
        assertTrue(account.err().contains("--account: '11111111111' is not an account id (12 digits)"), account.err());
        CliRun region = CliRun.of("ingest", logs.toString(), "--db", db, "--region", "us-east1");
        assertEquals(2, region.exit());
        assertTrue(region.err().contains("--region: 'us-east1' is not a region name"), region.err());

        CliRun elsewhere = CliRun.of("ingest", logs.toString(), "--db", db, "--region", "ap-south-2");
        assertEquals(0, elsewhere.exit(), elsewhere.err());
        assertTrue(elsewhere.err().contains("warning: the filters (--since, --until, --account, --region) left no object "
                + "to read; nothing was added to " + db), elsewhere.err());
        CliRun hunt = CliRun.of("hunt", "--db", db);
        assertTrue(hunt.err().contains("warning: " + db + " holds no events: nothing to hunt in"), hunt.err());
    }
}

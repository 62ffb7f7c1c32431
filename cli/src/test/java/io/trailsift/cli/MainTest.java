package io.trailsift.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Main builds only the command it runs; usage and help must still know every command. */
class MainTest {
    @Test
    void everyCommandTakesHelp() {
        for (String command : new String[] {"ingest", "stats", "sql", "hunt", "rules", "key", "timeline", "principal",
                "ip", "investigate", "verify"}) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: trailsift " + command), run.out());
        }
    }

    @Test
    void usageAndHelpListEveryCommand() {
        CliRun usage = CliRun.of("--help");
        assertEquals(0, usage.exit());
        for (String command : new String[] {"ingest", "key", "timeline", "investigate", "verify", "help"}) {
            assertTrue(usage.out().contains("\n  " + command + " "), command + " missing from:\n" + usage.out());
        }
        CliRun help = CliRun.of("help", "timeline");
        assertTrue(help.out().startsWith("Usage: trailsift timeline"), help.out() + help.err());
        CliRun typo = CliRun.of("kee");
        assertEquals(Main.USAGE, typo.exit());
        assertTrue(typo.err().contains("Did you mean: trailsift key"), typo.err());
    }
}

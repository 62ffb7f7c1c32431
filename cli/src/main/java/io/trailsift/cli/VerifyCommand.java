package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.render.VerifyTables;
import io.trailsift.verify.VerifyOptions;
import io.trailsift.verify.VerifyReport;
import io.trailsift.verify.VerifyRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", description = {
        "Prove offline which CloudTrail log objects are intact: digest hashes, the digest chain, "
                + "digest signatures (with --public-keys), and delivery gaps per account/region.",
        "Exit 1 when a log object is modified or missing, the chain is broken, a signature fails, "
                + "or no digest was found (result NOT VERIFIED)."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    FormatOption format;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders, files or archives with log objects and CloudTrail-Digest files")
    List<Path> paths;

    @Option(names = "--public-keys", paramLabel = "FILE",
            description = "Output of `aws cloudtrail list-public-keys` saved while the account was trusted")
    Path publicKeys;

    @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "1h",
            description = "A pause in deliveries longer than this is a gap (e.g. 30m, 2h; default: ${DEFAULT-VALUE})")
    String gap;

    @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: processors)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                throw new ParameterException(spec.commandLine(), "no such readable file or folder: " + p);
            }
        }
        VerifyOptions options = VerifyOptions.defaults(paths).withGapThreshold(VerifyOptions.parseDuration(gap));
        if (publicKeys != null) {
            options = options.withPublicKeys(publicKeys);
        }
        if (threads != null) {
            options = options.withThreads(threads);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (Files.isRegularFile(store.db)) {
            // The store supplies StopLogging & co. for gaps and its disputed events, and keeps the results.
            VerifyRun run;
            try (Case c = store.open()) {
                run = c.verify(options);
            }
            err.println("verify run " + run.id() + " stored in " + store.db);
            err.flush();
            VerifyTables.write(run, format.resolve(), format.screen(), spec.commandLine().getOut());
            return run.failed() || run.report().nothingVerifiable() ? Main.DAMAGED_OR_FINDINGS : Main.OK;
        }
        err.println("no store at " + store.db + ": gaps are not matched to trail events and results are not stored");
        err.flush();
        VerifyReport report = Case.verifyWithoutStore(options);
        VerifyTables.write(report, format.resolve(), format.screen(), spec.commandLine().getOut());
        return report.failed() || report.nothingVerifiable() ? Main.DAMAGED_OR_FINDINGS : Main.OK;
    }
}

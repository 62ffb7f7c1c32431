package io.trailsift.cli;

import io.trailsift.Case;
import io.trailsift.detect.RuleProblem;
import io.trailsift.detect.RuleSet;
import io.trailsift.render.Notice;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code --rules DIR}, {@code --sigma PATH...}, {@code --pack NAME}: rules added to the shipped pack. */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR", description = "Folder of extra rule files (*.yml), added to the shipped rules.")
    Path dir;

    @Option(names = "--sigma", paramLabel = "PATH", arity = "1..*",
            description = "Sigma rule files or folders (walked to the bottom; *.yml, *.yaml) for AWS CloudTrail, added to the "
                    + "shipped rules; correlation rules included.")
    List<Path> sigma = List.of();

    @Option(names = "--pack", paramLabel = "NAME",
            description = "A shipped Sigma rule pack to add: sigmahq (the SigmaHQ AWS CloudTrail rules, DRL 1.1).")
    List<String> packs = List.of();

    /** Loads the rules; every file that failed is reported on {@code err} (the others still load). */
    RuleSet load(PrintWriter err) {
        RuleSet set = Case.rules(Optional.ofNullable(dir), sigma, packs);
        report(set.problems(), err);
        return set;
    }

    static void report(List<RuleProblem> problems, PrintWriter err) {
        for (RuleProblem p : problems) {
            Notice.print(err, "rule problem: " + p);
        }
        err.flush();
    }
}

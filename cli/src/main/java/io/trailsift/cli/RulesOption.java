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

/** {@code --rules DIR}: the user's own rule files, added to the shipped pack. */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR", description = "Folder of extra rule files (*.yml), added to the shipped rules.")
    Path dir;

    /** Loads the rules; every file that failed is reported on {@code err} (the others still load). */
    RuleSet load(PrintWriter err) {
        RuleSet set = Case.rules(Optional.ofNullable(dir));
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
